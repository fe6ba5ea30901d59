package data

import (
	"github.com/anigql/anigql/internal/emu/exec"
)

// mutation wraps a mutation resolver: it needs a viewer.
func (r *res) mutation(name string, fn func(c *exec.Ctx, viewer Obj, args map[string]any) (any, error)) {
	r.m["Mutation."+name] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		u, err := r.needViewer(c)
		if err != nil {
			return nil, err
		}
		return fn(c, u, args)
	}
}

// problems collects per-argument validation messages.
type problems map[string][]string

func (p problems) add(arg, msg string) { p[arg] = append(p[arg], msg) }

// rangeCheck validates a numeric argument against AniList's limits.
func (p problems) rangeCheck(args map[string]any, arg string, lo, hi float64) {
	v, ok := args[arg]
	if !ok || v == nil {
		return
	}
	f := toFloat(v)
	if f < lo {
		p.add(arg, "The "+arg+" must be at least "+num(lo)+".")
	}
	if hi >= 0 && f > hi {
		p.add(arg, "The "+arg+" may not be greater than "+num(hi)+".")
	}
}

// lengthCheck validates a string argument's length.
func (p problems) lengthCheck(args map[string]any, arg string, lo, hi int) {
	s, ok := args[arg].(string)
	if !ok {
		return
	}
	n := len([]rune(s))
	if n < lo {
		p.add(arg, "The "+arg+" must be at least "+num(float64(lo))+" characters.")
	}
	if hi > 0 && n > hi {
		p.add(arg, "The "+arg+" may not be greater than "+num(float64(hi))+" characters.")
	}
}

func (p problems) err() error {
	if e := exec.Validation(p); e != nil {
		return e
	}
	return nil
}

func num(f float64) string {
	return exec.Errorf(0, "%g", f).Message
}

// mutations registers every supported mutation.
func (r *res) mutations() {
	r.mutation("SaveMediaListEntry", r.saveEntry)
	r.mutation("UpdateMediaListEntries", r.updateEntries)
	r.mutation("DeleteMediaListEntry", r.deleteEntry)
	r.mutation("ToggleFavourite", r.toggleFavourite)
	r.mutation("UpdateFavouriteOrder", r.favouriteOrder)
	r.mutation("ToggleFollow", r.toggleFollow)
	r.mutation("ToggleLike", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		o, err := r.toggleLike(u, args)
		if err != nil {
			return nil, err
		}
		return r.users(o["_likes"]), nil
	})
	r.mutation("ToggleLikeV2", func(c *exec.Ctx, u Obj, args map[string]any) (any, error) {
		return r.toggleLike(u, args)
	})
	r.mutation("SaveTextActivity", r.saveText)
	r.mutation("SaveActivityReply", r.saveReply)
	r.mutation("DeleteActivity", r.deleteActivity)
	r.mutation("UpdateUser", r.updateUser)
	r.mutation("SaveReview", r.saveReview)
	r.mutation("RateReview", r.rateReview)
	r.mutation("SaveRecommendation", r.saveRecommendation)
}
