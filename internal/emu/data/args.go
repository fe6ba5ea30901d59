package data

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// Support is how the emulator treats one schema argument, or one value of
// an enum argument such as a sort.
type Support int

// The kinds of Support.
const (
	Unclassified Support = iota // neither: a gap the schema walk test reports
	Implemented                 // the emulator applies it as AniList does
	Refused                     // the emulator answers "not supported" when it is given
)

// refusedArgs are the arguments the emulator does not implement, as
// "Type.field(arg)". Given with a value other than its default, each
// answers a 400 "anilisttest: argument … is not supported" error. An entry
// "Type.field(arg:true)" refuses only that value (stylised: false asks for
// what the emulator answers anyway).
var refusedArgs = []string{
	// Moderator-only or deprecated.
	"Query.MediaTagCollection(status)", "User.favourites(page)",
	"MediaListCollection.statusLists(asArray:true)", "MediaListCollection.customLists(asArray:true)",
	// No stylised titles in the dataset.
	"MediaTitle.romaji(stylised:true)", "MediaTitle.english(stylised:true)", "MediaTitle.native(stylised:true)",
	// Which media AniList matches is not known.
	"Query.Recommendation(onList)", "Page.recommendations(onList)",
	// Mutation inputs the emulator does not store.
	"Mutation.UpdateUser(notificationOptions)", "Mutation.UpdateUser(animeListOptions)",
	"Mutation.UpdateUser(mangaListOptions)", "Mutation.UpdateUser(disabledListActivity)",
	"Mutation.SaveMediaListEntry(advancedScores)", "Mutation.UpdateMediaListEntries(advancedScores)",
	"Mutation.SaveTextActivity(locked)", "Mutation.SaveMessageActivity(locked)",
	"Mutation.SaveMessageActivity(asMod)", "Mutation.SaveActivityReply(asMod)",
	"Mutation.SaveThreadComment(parentCommentId)", "Mutation.SaveThreadComment(locked)",
}

// contextualSorts are the fields where ROLE and RELEVANCE have a meaning:
// a cast list with roles and an order.
var contextualSorts = map[string]bool{"Media.characters": true, "Media.staff(RELEVANCE)": true}

// specialFilters are filter arguments the resolvers apply beyond plain
// field comparison (see special, moreSpecial, value and the resolvers).
var specialFilters = map[string]bool{
	"search": true, "onList": true, "isFollowing": true, "hasReplies": true, "hasRepliesOrTypeText": true,
	"notYetAired": true, "genre": true, "tag": true, "tagCategory": true, "minimumTagRank": true,
	"licensedBy": true, "licensedById": true, "isBirthday": true, "compareWithAuthList": true,
	"subscribed": true, "isModerator": true, "userName": true, "categoryId": true, "mediaCategoryId": true,
	"page": true, "perPage": true, "chunk": true, "perChunk": true, "forceSingleCompletedList": true,
	"asHtml": true, "version": true, "limit": true, "language": true, "role": true, "isMain": true,
	"resetNotificationCount": true, "format": true, "asArray": true, "sort": true,
}

// resolverArgs are the arguments of fields whose resolvers read them
// directly, by field.
var resolverArgs = map[string]string{
	"Query.Notification": "type type_in", "Page.notifications": "type type_in",
	"Query.Following": "userId", "Query.Follower": "userId", "Page.followers": "userId", "Page.following": "userId",
	"Query.Like": "likeableId type", "Page.likes": "likeableId type", "Query.Markdown": "markdown",
	"Query.ExternalLinkSourceCollection": "id type mediaType",
	"Character.media":                    "type", "Staff.staffMedia": "type", "Query.MediaList": "type", "Page.mediaList": "type",
	"Query.MediaListCollection":           "userId userName type",
	"Mutation.UpdateUser":                 "about titleLanguage displayAdultContent airingNotifications scoreFormat rowOrder profileColor donatorBadge timezone activityMergeTime staffNameLanguage restrictMessagesToFollowing",
	"Mutation.SaveMediaListEntry":         "id mediaId status score scoreRaw progress progressVolumes repeat priority private notes hiddenFromStatusLists customLists startedAt completedAt",
	"Mutation.UpdateMediaListEntries":     "status score scoreRaw progress progressVolumes repeat priority private notes hiddenFromStatusLists startedAt completedAt ids",
	"Mutation.DeleteMediaListEntry":       "id",
	"Mutation.DeleteCustomList":           "customList type",
	"Mutation.SaveTextActivity":           "id text",
	"Mutation.SaveMessageActivity":        "id message recipientId private",
	"Mutation.SaveListActivity":           "id locked",
	"Mutation.DeleteActivity":             "id",
	"Mutation.ToggleActivityPin":          "id pinned",
	"Mutation.ToggleActivitySubscription": "activityId subscribe",
	"Mutation.SaveActivityReply":          "id activityId text",
	"Mutation.DeleteActivityReply":        "id",
	"Mutation.ToggleLike":                 "id type",
	"Mutation.ToggleLikeV2":               "id type",
	"Mutation.ToggleFollow":               "userId",
	"Mutation.ToggleFavourite":            "animeId mangaId characterId staffId studioId",
	"Mutation.UpdateFavouriteOrder":       "animeIds mangaIds characterIds staffIds studioIds animeOrder mangaOrder characterOrder staffOrder studioOrder",
	"Mutation.SaveReview":                 "id mediaId body summary score private",
	"Mutation.DeleteReview":               "id",
	"Mutation.RateReview":                 "reviewId rating",
	"Mutation.SaveRecommendation":         "mediaId mediaRecommendationId rating",
	"Mutation.SaveThread":                 "id title body categories mediaCategories sticky locked",
	"Mutation.DeleteThread":               "id",
	"Mutation.ToggleThreadSubscription":   "threadId subscribe",
	"Mutation.SaveThreadComment":          "id threadId comment",
	"Mutation.DeleteThreadComment":        "id",
	"Mutation.UpdateAniChartSettings":     "titleLanguage outgoingLinkProvider theme sort",
	"Mutation.UpdateAniChartHighlights":   "highlights",
}

// Classify says how the emulator treats every argument of every field
// reachable from the schema's Query and Mutation types, keyed
// "Type.field(arg)", and every value of their enum-list sort arguments,
// keyed "Type.field(sort:VALUE)".
func Classify(schema *ast.Schema) map[string]Support {
	out := map[string]Support{}
	refused := map[string]bool{}
	for _, k := range refusedArgs {
		refused[argKey(k)] = true
	}
	for _, def := range reachable(schema) {
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			field := def.Name + "." + f.Name
			for _, a := range f.Arguments {
				key := field + "(" + a.Name + ")"
				switch {
				case refused[key]:
					out[key] = Refused
				case strings.Contains(" "+resolverArgs[field]+" ", " "+a.Name+" "),
					def != schema.Mutation && filterImplemented(schema, f, a.Name):
					out[key] = Implemented
				}
				if a.Name == "sort" {
					classifySorts(schema, field, f, a, out)
				}
			}
		}
	}
	return out
}

// RefusedSet is the keys Classify refuses, for exec.Executor.Refused, with
// the arguments refused for one value only keyed by that value.
func RefusedSet(schema *ast.Schema) map[string]bool {
	out := map[string]bool{}
	for k, s := range Classify(schema) {
		if s == Refused {
			out[k] = true
		}
	}
	for _, k := range refusedArgs {
		if k != argKey(k) {
			delete(out, argKey(k))
			out[k] = true
		}
	}
	return out
}

// argKey drops the value of a "Type.field(arg:VALUE)" key.
func argKey(k string) string {
	open := strings.IndexByte(k, '(')
	if i := strings.IndexByte(k, ':'); i > open && open >= 0 {
		return k[:i] + ")"
	}
	return k
}

// filterImplemented reports whether a is applied by the generic filter:
// a special filter, or a comparison (with its _in, _not, _greater, … form)
// of a field the answer's records have.
func filterImplemented(schema *ast.Schema, f *ast.FieldDefinition, a string) bool {
	base := a
	for _, s := range suffixes {
		if strings.HasSuffix(a, s) {
			base = strings.TrimSuffix(a, s)
			break
		}
	}
	if specialFilters[base] {
		return true
	}
	for _, elem := range recordTypes(schema, f.Type) {
		if elem.Fields.ForName(base) != nil || elem.Fields.ForName(strings.TrimSuffix(base, "Id")) != nil {
			return true
		}
	}
	return false
}

// recordTypes are the types of the records a field's filters apply to:
// the element type, each member of a union, the entries of a list
// collection.
func recordTypes(schema *ast.Schema, t *ast.Type) []*ast.Definition {
	elem := elementType(schema, t)
	switch {
	case elem == nil:
		return nil
	case elem.Kind == ast.Union:
		return schema.PossibleTypes[elem.Name]
	case elem.Name == "MediaListCollection":
		return []*ast.Definition{schema.Types["MediaList"]}
	case elem.Name == "StaffRoleType":
		return []*ast.Definition{schema.Types["Staff"]}
	}
	return []*ast.Definition{elem}
}

// classifySorts classifies each value of a sort argument.
func classifySorts(schema *ast.Schema, field string, f *ast.FieldDefinition, a *ast.ArgumentDefinition, out map[string]Support) {
	enum := schema.Types[a.Type.Name()]
	records := recordTypes(schema, f.Type)
	if enum == nil || enum.Kind != ast.Enum || len(records) == 0 {
		return
	}
	table, _ := TableFor(records[0].Name)
	for _, v := range enum.EnumValues {
		key := field + "(sort:" + v.Name + ")"
		name := strings.TrimSuffix(v.Name, "_DESC")
		ok := false
		switch name {
		case "SEARCH_MATCH":
			ok = f.Arguments.ForName("search") != nil
		case "ROLE":
			ok = contextualSorts[field]
		case "RELEVANCE":
			ok = contextualSorts[field] || contextualSorts[field+"(RELEVANCE)"]
		case "ID":
			ok = true // every record has an id
		case "WATCHED_TIME", "CHAPTERS_READ":
			ok = table == UserTable
		case "COUNT", "MEAN_SCORE", "PROGRESS":
			ok = strings.HasPrefix(field, "UserStatistics.")
		default:
			t, n, recs := table, name, records
			if m, isMedia := strings.CutPrefix(name, "MEDIA_"); isMedia && table == MediaListTable && m != "ID" {
				t, n, recs = MediaTable, m, []*ast.Definition{schema.Types["Media"]}
			}
			first, _, _ := strings.Cut(sortField(t, n), ".")
			for _, rec := range recs {
				ok = ok || rec.Fields.ForName(first) != nil
			}
		}
		if ok {
			out[key] = Implemented
		} else {
			out[key] = Refused
		}
	}
}

// elementType is the record type a field answers: the named type, the
// node type of a Connection, the element of a list.
func elementType(schema *ast.Schema, t *ast.Type) *ast.Definition {
	def := schema.Types[t.Name()]
	if def == nil {
		return nil
	}
	if nodes := def.Fields.ForName("nodes"); nodes != nil && strings.HasSuffix(def.Name, "Connection") {
		return schema.Types[nodes.Type.Name()]
	}
	return def
}

// reachable lists the object types reachable from Query and Mutation.
func reachable(schema *ast.Schema) []*ast.Definition {
	seen := map[string]bool{}
	var out []*ast.Definition
	var visit func(name string)
	visit = func(name string) {
		def := schema.Types[name]
		if def == nil || seen[name] || strings.HasPrefix(name, "__") {
			return
		}
		seen[name] = true
		switch def.Kind {
		case ast.Object:
			out = append(out, def)
			for _, f := range def.Fields {
				visit(f.Type.Name())
			}
		case ast.Union, ast.Interface:
			for _, p := range schema.PossibleTypes[name] {
				visit(p.Name)
			}
		}
	}
	visit(schema.Query.Name)
	if schema.Mutation != nil {
		visit(schema.Mutation.Name)
	}
	return out
}
