// Command fleethelper is one process of a fleet that shares one AniList
// budget on Redis: it runs -workers goroutines that call -url (AniList by
// default, or an emulator such as `anigql serve`) through one anilist
// client whose budget is on Redis, from -start until -end (Unix
// milliseconds; by default from now, for -for), and prints one JSON line per
// call and per fallback event. The redisstore fleet tests exec four of it;
// the README runs two by hand:
//
//	go run ./internal/fleethelper -redis 127.0.0.1:6390 -name a -for 30s
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/Khan/genqlient/graphql"
	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/redisstore"
	"github.com/redis/go-redis/v9"
)

// Line is one line of output.
type Line struct {
	Start float64 `json:"start,omitempty"` // Unix seconds
	End   float64 `json:"end,omitempty"`
	Kind  string  `json:"kind,omitempty"` // ok, disabled, failed
	Err   string  `json:"err,omitempty"`
	Event string  `json:"event,omitempty"` // fallback, resume
}

func main() {
	addr := flag.String("redis", "", "Redis address")
	key := flag.String("key", "fleet", "budget key")
	url := flag.String("url", anilist.DefaultEndpoint, "GraphQL endpoint")
	name := flag.String("name", "p", "process name, sent in the User-Agent")
	workers := flag.Int("workers", 8, "goroutines")
	start := flag.Int64("start", 0, "start, Unix ms (default now)")
	end := flag.Int64("end", 0, "end, Unix ms (default start + -for)")
	length := flag.Duration("for", 10*time.Second, "how long to run, without -end")
	window := flag.Duration("window", time.Minute, "rate-limit window")
	limit := flag.Int("limit", 90, "limit until the headers say")
	outage := flag.Duration("outage", time.Minute, "outage cooldown")
	flag.Parse()
	from, to := time.Now(), time.UnixMilli(*end)
	if *start != 0 {
		from = time.UnixMilli(*start)
	}
	if *end == 0 {
		to = from.Add(*length)
	}
	if err := run(*addr, *key, *url, *name, *workers, from, to, *window, *limit, *outage); err != nil {
		fmt.Fprintln(os.Stderr, "fleethelper:", err)
		os.Exit(1)
	}
}

func run(addr, key, url, name string, workers int, start, end time.Time, window time.Duration, limit int, outage time.Duration) error {
	var mu sync.Mutex
	enc := json.NewEncoder(os.Stdout)
	emit := func(l Line) {
		mu.Lock()
		defer mu.Unlock()
		enc.Encode(l)
	}
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	defer rdb.Close()
	b, err := redisstore.NewBudget(rdb, key, redisstore.WithWindow(window), redisstore.WithLimit(limit),
		redisstore.WithRetry(window/10), redisstore.WithOnFallback(func(err error) {
			if err != nil {
				go emit(Line{Event: "fallback", Err: err.Error()})
			} else {
				go emit(Line{Event: "resume"})
			}
		}))
	if err != nil {
		return err
	}
	c, err := anilist.NewClient(nil, &anilist.Options{Endpoint: url, Budget: b, OutageCooldown: outage,
		UserAgent: "fleethelper/" + name})
	if err != nil {
		return err
	}
	time.Sleep(time.Until(start))
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for time.Now().Before(end) {
				emit(call(c))
			}
		})
	}
	wg.Wait()
	return nil
}

// call makes one call and describes it. After an outage error it waits
// for the outage's end, as an application would.
func call(c *anilist.Client) Line {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	t0 := time.Now()
	var data json.RawMessage
	err := c.MakeRequest(ctx, &graphql.Request{
		OpName: "Probe",
		Query:  "query Probe { Page(perPage: 1) { pageInfo { hasNextPage } } }",
	}, &graphql.Response{Data: &data})
	l := Line{Start: secs(t0), End: secs(time.Now()), Kind: "ok"}
	var de *anilist.APIDisabledError
	switch {
	case errors.As(err, &de):
		l.Kind, l.Err = "disabled", err.Error()
		time.Sleep(time.Until(de.Until))
	case err != nil:
		l.Kind, l.Err = "failed", err.Error()
	}
	return l
}

func secs(t time.Time) float64 { return float64(t.UnixMicro()) / 1e6 }
