package budget_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilist/budget"
	"github.com/anigql/anigql/anilisttest"
	"github.com/anigql/anigql/generated"
)

// Two clients on one budget file, as two processes on one machine would
// be: what one spends, the other cannot.
func ExampleNewFile() {
	srv := anilisttest.NewUnstartedServer()
	srv.RateLimit = 2 // per minute
	srv.Start()
	defer srv.Close()
	dir, _ := os.MkdirTemp("", "budget")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "budget.json")

	newClient := func() *anilist.Client {
		b, err := budget.NewFile(path, &budget.Options{Limit: 2, Burst: true})
		if err != nil {
			panic(err)
		}
		c, _ := anilist.NewClient(nil, &anilist.Options{Endpoint: srv.URL, Budget: b})
		return c
	}
	first, second := newClient(), newClient()
	for range 2 {
		_, err := generated.MediaByID(context.Background(), first, 154587, nil)
		fmt.Println("first:", err)
	}
	// The budget is spent until the minute is over: a call that may wait
	// only a second fails at once, without a request.
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	_, err := generated.MediaByID(ctx, second, 154587, nil)
	fmt.Println("second:", errors.Is(err, anilist.ErrRateLimited))
	// Output:
	// first: <nil>
	// first: <nil>
	// second: true
}
