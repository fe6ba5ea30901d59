package anilisttest_test

import (
	"context"
	"fmt"
	"log"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/auth"
	"github.com/anigql/anigql/generated"
)

// An authenticated client for the emulator, as a test of yours builds it:
// the demo viewer's token, the signing client from package auth, and the
// AniList client pointed at the emulator. (The README shows these lines.)
func Example_authenticatedClient() {
	ctx := context.Background()
	srv := anilisttest.NewServer()
	defer srv.Close()
	tok, err := auth.ParseToken(srv.ViewerToken())
	if err != nil {
		log.Fatal(err)
	}
	httpClient := auth.NewClient(ctx, auth.StaticTokenSource(tok))
	client, err := anilist.NewClient(httpClient, &anilist.Options{Endpoint: srv.URL})
	if err != nil {
		log.Fatal(err)
	}
	viewer, err := generated.Viewer(ctx, client)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(viewer.Viewer.Id, viewer.Viewer.Name)
	// Output: 1 DemoUser
}
