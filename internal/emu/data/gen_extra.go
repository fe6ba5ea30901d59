package data

import (
	"fmt"
)

// The extras below are derived from ids alone, never from the generator's
// random source, so adding them left every other generated value as it was.

// mediaExtras fills a media's external links, streaming episodes and
// trailer: every anime links its official site and Twitter, and one in
// three streams on Crunchyroll, one in five on Netflix (Frieren on both);
// one manga in four reads on Manga Plus.
func mediaExtras(m Obj, id int, typ string) {
	var links []any
	add := func(site string, siteID int, kind, url string) {
		links = append(links, Obj{"id": id*10 + len(links) + 1, "url": url, "site": site, "siteId": siteID,
			"type": kind, "language": nil, "color": nil, "icon": nil, "notes": nil, "isDisabled": false})
	}
	if typ == "ANIME" {
		add("Official Site", 3, "INFO", fmt.Sprintf("https://example.jp/anime/%d/", id))
		add("Twitter", 4, "SOCIAL", fmt.Sprintf("https://twitter.com/anime_%d", id))
		if id%3 == 0 || id == 154587 {
			add("Crunchyroll", 1, "STREAMING", fmt.Sprintf("https://www.crunchyroll.com/series/%d", id))
		}
		if id%5 == 0 || id == 154587 {
			add("Netflix", 2, "STREAMING", fmt.Sprintf("https://www.netflix.com/title/%d", 80000000+id))
		}
	} else if id%4 == 0 || id == 118586 {
		add("Manga Plus", 5, "STREAMING", fmt.Sprintf("https://mangaplus.shueisha.co.jp/titles/%d", id))
	}
	m["externalLinks"] = links
	m["streamingEpisodes"] = streamingEpisodes(m, links)
	if typ == "ANIME" && id%2 == 0 || id == 154587 {
		yt := fmt.Sprintf("ytid%07d", id)
		m["trailer"] = Obj{"id": yt, "site": "youtube", "thumbnail": "https://i.ytimg.com/vi/" + yt + "/hqdefault.jpg"}
	}
}

// streamingEpisodes lists the first episodes (up to 12) on the first
// streaming site linked.
func streamingEpisodes(m Obj, links []any) []any {
	out := []any{}
	for _, l := range links {
		l := l.(Obj)
		if l["type"] != "STREAMING" || m["type"] != "ANIME" {
			continue
		}
		for ep := 1; ep <= min(max(intOf(m["episodes"]), 1), 12); ep++ {
			out = append(out, Obj{"title": fmt.Sprintf("Episode %d - %s", ep, m["title"].(Obj)["romaji"]),
				"thumbnail": fmt.Sprintf("https://img.example/%d/%d.jpg", intOf(m["id"]), ep),
				"url":       fmt.Sprintf("%s/episode-%d", l["url"], ep), "site": l["site"]})
		}
		break
	}
	return out
}

// birthday is a generated character's date of birth: a month and day, no
// year, spread over the year.
func birthday(i int) Obj {
	return Obj{"year": nil, "month": 1 + i%12, "day": 1 + (i*7)%28}
}

// threadExtras puts some threads in media categories (the known anime, in
// turn) and subscribes the demo viewer to every fifth.
func (g *gen) threadExtras(id int, t Obj) {
	anime := []int{154587, 1, 5114, 16498, 9253, 1535, 15125, 10087, 140960, 21}
	if id%4 == 1 {
		if m := g.s.get(MediaTable, anime[(id/4)%len(anime)]); m != nil {
			t["mediaCategories"] = []any{m}
		}
	}
	if id%5 == 0 {
		t["_subscribers"] = []int{1}
	}
}
