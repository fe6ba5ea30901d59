package data

import (
	"html"
	"strings"

	"github.com/anigql/anigql/internal/emu/exec"
)

// linkSources is the ExternalLinkSourceCollection: sites media link to.
var linkSources = []struct {
	id         int
	site, typ  string
	mediaTypes []string
}{
	{1, "Crunchyroll", "STREAMING", []string{"ANIME", "MANGA"}},
	{2, "Netflix", "STREAMING", []string{"ANIME"}},
	{3, "Official Site", "INFO", []string{"ANIME", "MANGA", "STAFF"}},
	{4, "Twitter", "SOCIAL", []string{"ANIME", "MANGA", "STAFF"}},
	{5, "Manga Plus", "STREAMING", []string{"MANGA"}},
	{6, "YouTube", "SOCIAL", []string{"ANIME", "STAFF"}},
}

// extraQueries registers the smaller root queries.
func (r *res) extraQueries() {
	r.one("MediaTrend", TrendTable)
	r.m["Query.Like"] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		target := r.likeable(intOf(args["likeableId"]), args["type"])
		if target == nil || len(r.users(target["_likes"])) == 0 {
			return nil, exec.NotFound()
		}
		return r.users(target["_likes"])[0], nil
	}
	r.m["Query.Markdown"] = func(c *exec.Ctx, _ any, args map[string]any) (any, error) {
		if _, err := r.needViewer(c); err != nil {
			return nil, err
		}
		md, _ := args["markdown"].(string)
		return Obj{"html": markdown(md)}, nil
	}
	r.m["Query.AniChartUser"] = func(c *exec.Ctx, _ any, _ map[string]any) (any, error) {
		u, err := r.needViewer(c)
		if err != nil {
			return nil, err
		}
		return Obj{"user": u, "settings": u["_anichartSettings"], "highlights": u["_anichartHighlights"]}, nil
	}
	r.m["Query.ExternalLinkSourceCollection"] = func(_ *exec.Ctx, _ any, args map[string]any) (any, error) {
		out := []any{}
		for _, l := range linkSources {
			if (args["id"] != nil && intOf(args["id"]) != l.id) || (args["type"] != nil && args["type"] != l.typ) ||
				(args["mediaType"] != nil && !strings.Contains(strings.Join(l.mediaTypes, ","), args["mediaType"].(string))) {
				continue
			}
			out = append(out, Obj{"id": l.id, "site": l.site, "siteId": l.id, "type": l.typ, "url": nil,
				"language": nil, "color": nil, "icon": nil, "notes": nil, "isDisabled": false})
		}
		return out, nil
	}
}

// markdown renders AniList markdown roughly: escaped paragraphs.
func markdown(md string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.TrimSpace(md), "\n\n") {
		if p != "" {
			b.WriteString("<p>" + strings.ReplaceAll(html.EscapeString(p), "\n", "<br>") + "</p>")
		}
	}
	return b.String()
}
