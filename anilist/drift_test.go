package anilist

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/Khan/genqlient/graphql"
	"github.com/google/go-cmp/cmp"
)

// notification mimics a genqlient union: its UnmarshalJSON fails on a
// __typename it was not generated for, with genqlient's message.
type notification struct {
	TypeName string
	ID       int
}

func (n *notification) UnmarshalJSON(b []byte) error {
	var v struct {
		TypeName string `json:"__typename"`
		ID       int    `json:"id"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v.TypeName {
	case "AiringNotification", "FollowingNotification":
		*n = notification(v)
		return nil
	case "":
		return fmt.Errorf("response was missing NotificationUnion.__typename")
	}
	return fmt.Errorf(`unexpected concrete type for NotificationsPageNotificationsNotificationUnion: "%v"`, v.TypeName)
}

type notificationsData struct {
	Page *struct {
		Notifications []*notification `json:"notifications"`
		Latest        *notification   `json:"latest"`
	} `json:"Page"`
}

func TestUnionDriftDropsUnknownItems(t *testing.T) {
	t.Parallel()
	const body = `{"data":{"Page":{"latest":{"__typename":"NewThingNotification","id":9},"notifications":[
		{"__typename":"AiringNotification","id":1},
		{"__typename":"NewThingNotification","id":2,"extra":{"a":1}},
		{"__typename":"FollowingNotification","id":3},
		{"__typename":"OtherNewNotification","id":4}]}}}`
	var mu sync.Mutex
	var hooked []string
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, body)
	}, &Options{DisableRateLimit: true, OnUnknownType: func(u UnknownType) {
		mu.Lock()
		hooked = append(hooked, u.TypeName)
		mu.Unlock()
	}})
	ctx, report := WithDriftReport(t.Context())
	data := new(notificationsData)
	err := c.MakeRequest(ctx, &graphql.Request{OpName: "Notifications", Query: "query Notifications { x }"},
		&graphql.Response{Data: data})
	if err != nil {
		t.Fatalf("got %v; want the known items and no error", err)
	}
	want := []*notification{{"AiringNotification", 1}, {"FollowingNotification", 3}}
	if d := cmp.Diff(want, data.Page.Notifications); d != "" {
		t.Errorf("notifications (-want +got):\n%s", d)
	}
	if data.Page.Latest != nil {
		t.Errorf("got latest %+v; want nil for an unknown single item", data.Page.Latest)
	}
	items := report.Items()
	got := map[string]string{}
	for _, u := range items {
		if u.Op != "Notifications" || u.Union != "NotificationsPageNotificationsNotificationUnion" {
			t.Errorf("got %+v; want op and union filled in", u)
		}
		got[u.Path] = u.TypeName
	}
	wantPaths := map[string]string{
		"data.Page.latest":           "NewThingNotification",
		"data.Page.notifications[1]": "NewThingNotification",
		"data.Page.notifications[3]": "OtherNewNotification",
	}
	if d := cmp.Diff(wantPaths, got); d != "" {
		t.Errorf("drift report (-want +got):\n%s", d)
	}
	for _, u := range items {
		if u.Path == "data.Page.notifications[1]" && string(u.Raw) != `{"__typename":"NewThingNotification","extra":{"a":1},"id":2}` {
			t.Errorf("got raw %s; want the dropped item's JSON", u.Raw)
		}
	}
	if len(hooked) != 3 {
		t.Errorf("got hook calls %v; want 3", hooked)
	}
}

func TestMissingTypenameIsAnError(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, `{"data":{"Page":{"notifications":[{"id":1}]}}}`)
	}, nil)
	err := c.MakeRequest(t.Context(), &graphql.Request{OpName: "Notifications", Query: "query Notifications { x }"},
		&graphql.Response{Data: new(notificationsData)})
	if err == nil {
		t.Error("got nil; want a decoding error")
	}
}

func TestNoDriftNoReport(t *testing.T) {
	t.Parallel()
	c, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		reply(w, http.StatusOK, `{"data":{"Page":{"notifications":[{"__typename":"AiringNotification","id":1}]}}}`)
	}, nil)
	ctx, report := WithDriftReport(t.Context())
	data := new(notificationsData)
	err := c.MakeRequest(ctx, &graphql.Request{OpName: "Notifications", Query: "query Notifications { x }"},
		&graphql.Response{Data: data})
	if err != nil || len(data.Page.Notifications) != 1 || len(report.Items()) != 0 {
		t.Errorf("got %v, %d items, report %v; want 1 item and no drift", err, len(data.Page.Notifications), report.Items())
	}
}
