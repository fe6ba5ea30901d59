package anilisttest_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/anigql/anigql/anilisttest"
)

// gql sends one GraphQL request as the demo viewer and returns the body.
func gql(srv *anilisttest.Server, query string) string {
	req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(fmt.Sprintf(`{"query":%q}`, query)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+srv.ViewerToken())
	resp, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func ExampleServer_SaveState() {
	srv := anilisttest.NewServer()
	gql(srv, `mutation { SaveMediaListEntry(mediaId: 154587, progress: 3) { id } }`)
	var state bytes.Buffer
	if err := srv.SaveState(&state); err != nil {
		panic(err)
	}
	srv.Close()

	// a later run: a fresh server, the same state
	next := anilisttest.NewServer()
	defer next.Close()
	if err := next.LoadState(&state); err != nil {
		panic(err)
	}
	fmt.Println(gql(next, `{ MediaList(mediaId: 154587, userId: 1) { progress } }`))
	// Output: {"data":{"MediaList":{"progress":3}}}
}
