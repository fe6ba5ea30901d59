package data

import (
	"sort"
	"strings"
	"unicode"

	"github.com/vektah/gqlparser/v2/ast"
)

// notifications gives the demo user one notification of every
// NotificationUnion member the schema lists (plus extra airing ones),
// filling each member's fields from its schema definition, so that new
// members added to the schema get data without code changes.
func (g *gen) notifications(schema *ast.Schema) {
	g.schema = schema
	var members []string
	if schema != nil {
		for _, p := range schema.PossibleTypes["NotificationUnion"] {
			members = append(members, p.Name)
		}
	}
	sort.Strings(members)
	id := 1
	for round := range 2 {
		for _, name := range members {
			if round == 1 && name != "AiringNotification" && name != "ActivityLikeNotification" {
				continue
			}
			g.s.put(NotificationTable, id, g.notification(schema.Types[name], id))
			id++
		}
	}
}

func (g *gen) notification(def *ast.Definition, id int) Obj {
	n := Obj{"__typename": def.Name, "createdAt": int(epoch) - id*3600, "_userId": DemoUserID}
	for _, f := range def.Fields {
		if _, set := n[f.Name]; set || f.Name == "id" {
			continue
		}
		if v, ok := g.notificationValue(def, f); ok {
			n[f.Name] = v
		}
	}
	return n
}

// notificationValue invents a value for one scalar field of a notification.
func (g *gen) notificationValue(def *ast.Definition, f *ast.FieldDefinition) (any, bool) {
	switch t := f.Type.Name(); {
	case f.Name == "type" && t == "NotificationType":
		return g.notificationType(def.Name), true
	case f.Name == "userId":
		return g.between(2, userCount), true
	case f.Name == "animeId" || f.Name == "mediaId":
		return 154587, true
	case f.Name == "activityId":
		return g.between(1, 150), true
	case f.Name == "threadId":
		return g.between(1, 20), true
	case f.Name == "commentId":
		return g.between(1, 60), true
	case f.Name == "episode":
		return g.between(1, 28), true
	case f.Name == "context":
		return contextText(def.Name), true
	case f.Name == "contexts":
		return []any{"Episode ", " of ", " aired."}, true
	case f.Name == "reason":
		return "Data update.", true
	case f.Name == "deletedMediaTitle" || f.Name == "deletedMediaTitles":
		if f.Type.Elem != nil {
			return []any{"Removed Title"}, true
		}
		return "Removed Title", true
	case f.Name == "status":
		return "approved", true
	case f.Name == "notes":
		return "Thanks!", true
	case t == "Boolean" && f.Type.NonNull:
		return false, true
	}
	return nil, false
}

// notificationType is the NotificationType of a union member: its name in
// upper snake case when the enum has it, else a known exception.
func (g *gen) notificationType(member string) string {
	name := snake(member)
	if g.schema.Types["NotificationType"].EnumValues.ForName(name) != nil {
		return name
	}
	if member == "ThreadCommentSubscribedNotification" {
		return "THREAD_SUBSCRIBED"
	}
	return g.schema.Types["NotificationType"].EnumValues[0].Name
}

// snake turns "ActivityLikeNotification" into "ACTIVITY_LIKE".
func snake(member string) string {
	base := strings.TrimSuffix(member, "Notification")
	var b strings.Builder
	for i, r := range base {
		if i > 0 && unicode.IsUpper(r) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

func contextText(member string) string {
	switch member {
	case "FollowingNotification":
		return " started following you."
	case "ActivityLikeNotification":
		return " liked your activity."
	case "ActivityMessageNotification":
		return " sent you a message."
	}
	return " did something you may want to see."
}
