package data

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// New builds the deterministic dataset for seed. The schema decides which
// notification kinds exist, so that every NotificationUnion member has one.
func New(schema *ast.Schema, seed uint64) *Store {
	g := &gen{s: newStore(), r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.studios()
	g.people()
	g.media()
	g.users()
	g.lists()
	g.favourites()
	g.activities()
	g.reviews()
	g.threads()
	g.airing()
	g.trends()
	g.notifications(schema)
	return g.s
}

func (g *gen) activities() {
	id := 1
	for uid := 1; uid <= userCount; uid++ {
		for k := range 3 {
			at := int(epoch) - g.between(0, 86400*60)
			a := Obj{"__typename": "TextActivity", "userId": uid, "type": "TEXT",
				"text": fmt.Sprintf("Post %d from user %d: enjoying the season so far.", k+1, uid)}
			if k > 0 {
				ms := g.s.all(MediaTable)
				m := ms[g.r.IntN(len(ms))]
				a = Obj{"__typename": "ListActivity", "userId": uid, "type": "ANIME_LIST", "mediaId": m["id"],
					"status": "watched episode", "progress": fmt.Sprint(g.between(1, 12))}
				if m["type"] == "MANGA" {
					a["type"], a["status"] = "MANGA_LIST", "read chapter"
				}
			}
			g.putActivity(id, a, at)
			id++
		}
	}
	for k := range 5 {
		g.putActivity(id, Obj{"__typename": "MessageActivity", "type": "MESSAGE", "recipientId": DemoUserID,
			"messengerId": 2 + k, "message": "Hello from a friend!", "isPrivate": false}, int(epoch)-k*3600)
		id++
	}
	for rid := 1; rid <= 60; rid++ {
		aid := g.between(1, id-1)
		g.s.put(ReplyTable, rid, Obj{"userId": g.between(1, userCount), "activityId": aid,
			"text": "Agreed!", "createdAt": int(epoch) - g.between(0, 86400*30), "_likes": []int{}})
		a := g.s.get(ActivityTable, aid)
		a["replyCount"] = a["replyCount"].(int) + 1
	}
}

func (g *gen) putActivity(id int, a Obj, at int) {
	a["createdAt"], a["replyCount"], a["isLocked"], a["isSubscribed"], a["isPinned"] = at, 0, false, false, false
	a["siteUrl"] = fmt.Sprintf("https://anilist.co/activity/%d", id)
	a["_likes"] = g.sample(g.s.order[UserTable], g.r.IntN(4))
	g.s.put(ActivityTable, id, a)
}

func (g *gen) reviews() {
	media := g.s.order[MediaTable]
	for id := 1; id <= 60; id++ {
		mid := media[g.r.IntN(len(media))]
		if id == 1 {
			mid = 154587
		}
		m := g.s.get(MediaTable, mid)
		g.s.put(ReviewTable, id, Obj{
			"userId": g.between(1, userCount), "mediaId": mid, "mediaType": m["type"],
			"summary": "A thoughtful look at " + m["title"].(Obj)["romaji"].(string) + ".",
			"body":    strings.Repeat("This is a long review body. ", 100), "rating": g.between(0, 300),
			"ratingAmount": g.between(300, 400), "score": g.between(40, 100), "private": false,
			"siteUrl":   fmt.Sprintf("https://anilist.co/review/%d", id),
			"createdAt": int(epoch) - g.between(0, 86400*400), "updatedAt": int(epoch), "_ratings": map[int]string{},
		})
	}
	for id := 1; id <= 200; id++ {
		a, b := media[g.r.IntN(len(media))], media[g.r.IntN(len(media))]
		if a == b {
			continue
		}
		g.s.put(RecommendationTable, id, Obj{"mediaId": a, "mediaRecommendationId": b,
			"rating": g.between(-5, 200), "userId": g.between(1, userCount), "_ratings": map[int]string{}})
	}
}

func (g *gen) threads() {
	for id := 1; id <= 20; id++ {
		at := int(epoch) - g.between(0, 86400*90)
		g.s.put(ThreadTable, id, Obj{
			"title": fmt.Sprintf("Discussion thread %d", id), "body": "What did everyone think?",
			"userId": g.between(1, userCount), "replyUserId": nil, "replyCommentId": nil, "replyCount": 0,
			"viewCount": g.between(10, 5000), "isLocked": false, "isSticky": false, "isSubscribed": false,
			"repliedAt": at, "createdAt": at, "updatedAt": at, "siteUrl": fmt.Sprintf("https://anilist.co/forum/thread/%d", id),
			"categories": []any{Obj{"id": 1, "name": "Anime"}}, "mediaCategories": []any{}, "_likes": []int{},
		})
		g.threadExtras(id, g.s.get(ThreadTable, id))
	}
	for id := 1; id <= 60; id++ {
		tid := g.between(1, 20)
		t := g.s.get(ThreadTable, tid)
		t["replyCount"] = t["replyCount"].(int) + 1
		g.s.put(CommentTable, id, Obj{"userId": g.between(1, userCount), "threadId": tid,
			"comment": "Great episode this week.", "isLocked": false, "childComments": nil,
			"siteUrl":   fmt.Sprintf("https://anilist.co/forum/thread/%d/comment/%d", tid, id),
			"createdAt": int(epoch) - g.between(0, 86400*30), "updatedAt": int(epoch), "_likes": []int{}})
	}
}

// airing schedules weekly episodes for releasing anime, from the epoch on.
func (g *gen) airing() {
	id := 1
	for _, m := range g.s.all(MediaTable) {
		if m["type"] != "ANIME" || (m["status"] != "RELEASING" && m["status"] != "NOT_YET_RELEASED") {
			continue
		}
		start := int(epoch) - 86400*7*4 + g.between(0, 86400*7)
		for ep := 1; ep <= 12; ep++ {
			g.s.put(AiringTable, id, Obj{"airingAt": start + (ep-1)*86400*7, "episode": ep, "mediaId": m["id"], "_rebase": true})
			id++
		}
	}
}

// trends records a week of daily trend points for the most popular anime.
func (g *gen) trends() {
	id := 1
	for _, m := range g.s.all(MediaTable) {
		if m["type"] != "ANIME" || intOf(m["popularity"]) < 600000 && m["id"] != 154587 {
			continue
		}
		for d := range 7 {
			g.s.put(TrendTable, id, Obj{"mediaId": m["id"], "date": int(epoch) - d*86400,
				"trending": g.between(0, 500), "averageScore": m["averageScore"], "popularity": m["popularity"],
				"inProgress": g.between(100, 50000), "releasing": m["status"] == "RELEASING", "episode": nil})
			id++
		}
	}
}
