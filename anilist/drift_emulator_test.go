package anilist_test

import (
	"net/http"
	"testing"

	"github.com/Khan/genqlient/graphql"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/generated"
)

// TestEmulatorUnionDrift serves, from the emulator, a notification kind that
// AniList added after our schema: the stock genqlient client fails the whole
// response, anilist.Client drops that one item and reports it.
func TestEmulatorUnionDrift(t *testing.T) {
	t.Parallel()
	srv := startEmulator(t, nil)
	token := srv.ViewerToken()
	c := emulatorClient(t, srv, token, anilist.Options{})
	before, err := generated.Notifications(t.Context(), c, nil, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}

	const newKind = "WatchPartyInviteNotification"
	// Put gives a notification to the demo viewer unless told otherwise.
	if err := srv.Put(newKind, 1_000_000, map[string]any{"createdAt": 1}); err != nil {
		t.Fatal(err)
	}
	stock := graphql.NewClient(srv.URL, &http.Client{Transport: bearer{token}})
	if _, err := generated.Notifications(t.Context(), stock, nil, nil, nil, nil); err == nil {
		t.Fatal("stock genqlient client: got nil error; want unexpected concrete type (the emulator did not serve the new kind)")
	}

	ctx, report := anilist.WithDriftReport(t.Context())
	after, err := generated.Notifications(ctx, c, nil, nil, nil, nil)
	if err != nil {
		t.Fatalf("got %v; want the known notifications", err)
	}
	if got, want := len(after.Page.Notifications), len(before.Page.Notifications); got != want {
		t.Errorf("got %d notifications; want the %d known ones", got, want)
	}
	items := report.Items()
	if len(items) != 1 || items[0].TypeName != newKind || items[0].Op != "Notifications" {
		t.Errorf("drift report = %+v; want one %s item from Notifications", items, newKind)
	}
}
