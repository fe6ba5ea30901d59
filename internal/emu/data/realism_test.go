package data

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/emu/exec"
)

// TestMediaRealism spot-checks that generated media combine fields as
// AniList's do: episodes and seasons only for anime, chapters and volumes
// only for manga, counts that fit the format.
func TestMediaRealism(t *testing.T) {
	t.Parallel()
	s := realStore(t)
	for _, m := range s.all(MediaTable) {
		id, format := m["id"], m["format"]
		if m["type"] == "ANIME" {
			if m["chapters"] != nil || m["volumes"] != nil || m["season"] == nil || m["seasonYear"] == nil {
				t.Errorf("anime %v: got chapters %v, volumes %v, season %v %v; want no chapters or volumes and a season",
					id, m["chapters"], m["volumes"], m["season"], m["seasonYear"])
			}
			if format == "MOVIE" && m["episodes"] != 1 {
				t.Errorf("movie %v: got %v episodes; want 1", id, m["episodes"])
			}
			continue
		}
		if m["episodes"] != nil || m["season"] != nil || m["seasonYear"] != nil || m["duration"] != nil {
			t.Errorf("manga %v: got episodes %v, season %v %v, duration %v; want none",
				id, m["episodes"], m["season"], m["seasonYear"], m["duration"])
		}
		if m["status"] == "RELEASING" && m["chapters"] != nil {
			t.Errorf("releasing manga %v: got %v chapters; want null until it ends", id, m["chapters"])
		}
		if !slices.Contains(append(slices.Clone(mangaFormats), "MANGA"), format.(string)) {
			t.Errorf("manga %v: got format %v", id, format)
		}
	}
}

// TestRelationsSymmetric checks every relation is listed from both sides
// with the inverse type, and that adaptations cross types.
func TestRelationsSymmetric(t *testing.T) {
	t.Parallel()
	s := realStore(t)
	n := 0
	for _, a := range s.all(MediaTable) {
		rels, _ := a["_relations"].([]relation)
		for _, r := range rels {
			n++
			b := s.get(MediaTable, r.ID)
			back, _ := b["_relations"].([]relation)
			i := slices.IndexFunc(back, func(x relation) bool { return x.ID == a["id"] })
			if i < 0 || back[i].Kind != inverseRelation[r.Kind] && !(r.Kind == "PARENT" && back[i].Kind == "SPIN_OFF") {
				t.Errorf("media %v is %s of %v, but not the other way round (%v)", r.ID, r.Kind, a["id"], back)
			}
			if cross := a["type"] != b["type"]; cross != (r.Kind == "SOURCE" || r.Kind == "ADAPTATION") {
				t.Errorf("media %v (%v) → %v (%v): got %s", a["id"], a["type"], r.ID, b["type"], r.Kind)
			}
		}
	}
	if n < 200 {
		t.Errorf("got %d relations; want a few hundred", n)
	}
}

// TestFavouritesAndFollows checks favourites point at records of the right
// kind without repeats, and that following and followers agree through
// GraphQL.
func TestFavouritesAndFollows(t *testing.T) {
	t.Parallel()
	s := realStore(t)
	types := map[string]string{"anime": "ANIME", "manga": "MANGA"}
	for _, u := range s.all(UserTable) {
		for kind, ids := range favs(u) {
			if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
				t.Errorf("user %v: %s favourites repeat: %v", u["id"], kind, ids)
			}
			for _, id := range ids {
				if want := types[kind]; want != "" && s.get(MediaTable, id)["type"] != want {
					t.Errorf("user %v: %s favourite %d is not %s", u["id"], kind, id, want)
				}
			}
		}
	}
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	e := &exec.Executor{Schema: schema, Resolvers: Resolvers(s, schema), Lock: s.Lock}
	resp := e.Execute(t.Context(), exec.Request{State: Viewer{ID: DemoUserID}, Query: `{
		a: Page(perPage: 50) { following(userId: 1) { isFollowing } }
		b: Page(perPage: 50) { followers(userId: 1) { isFollower } } }`})
	var out struct {
		Data struct {
			A struct{ Following []struct{ IsFollowing bool } }
			B struct{ Followers []struct{ IsFollower bool } }
		}
	}
	if err := json.Unmarshal(resp.JSON(), &out); err != nil || len(out.Data.A.Following) == 0 || len(out.Data.B.Followers) == 0 {
		t.Fatalf("got %s (%v); want the viewer's follows", resp.JSON(), err)
	}
	for _, f := range out.Data.A.Following {
		if !f.IsFollowing {
			t.Errorf("a user the viewer follows answers isFollowing false: %s", resp.JSON())
		}
	}
	for _, f := range out.Data.B.Followers {
		if !f.IsFollower {
			t.Errorf("a follower of the viewer answers isFollower false: %s", resp.JSON())
		}
	}
}

func realStore(t *testing.T) *Store {
	t.Helper()
	schema, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return New(schema, 1)
}
