package browser_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/anigql/anigql/anilisttest"
)

// TestTryPage loads the emulator's page at GET / in headless Chromium,
// types a query, runs it and reads the answer the page shows, then does the
// same with the demo viewer's token for Viewer.
func TestTryPage(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	cctx := newChrome(t, ctx)
	s := anilisttest.NewServer()
	t.Cleanup(s.Close)

	err := chromedp.Do(cctx,
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS("#run")),
		chromedp.SetValue(chromedp.CSS("#query"), `query ($id: Int) { Media(id: $id) { title { romaji } } }`),
		chromedp.SetValue(chromedp.CSS("#variables"), `{"id": 154587}`),
		chromedp.Click(chromedp.CSS("#run")),
	)
	if err != nil {
		t.Fatalf("running a query on the page: %v", err)
	}
	out := shown(t, cctx)
	if !strings.Contains(out.result, `"romaji": "Sousou no Frieren"`) || !strings.HasPrefix(out.status, "HTTP 200") {
		t.Errorf("page shows %q / %q; want Frieren's title and HTTP 200", out.status, out.result)
	}

	err = chromedp.Do(cctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("result").textContent = ""`),
		chromedp.SetValue(chromedp.CSS("#query"), `{ Viewer { name } }`),
		chromedp.SetValue(chromedp.CSS("#variables"), `{}`),
		chromedp.SetValue(chromedp.CSS("#token"), s.ViewerToken()),
		chromedp.Click(chromedp.CSS("#run")),
	)
	if err != nil {
		t.Fatalf("running Viewer on the page: %v", err)
	}
	if out := shown(t, cctx); !strings.Contains(out.result, `"name": "`+anilisttest.DemoUserName+`"`) {
		t.Errorf("page shows %q; want the demo viewer", out.result)
	}
}

// answer is what the page shows after Run.
type answer struct{ status, result string }

// shown waits until the page has shown an answer, and reads it.
func shown(t *testing.T, cctx context.Context) answer {
	t.Helper()
	_, err := chromedp.Run(cctx, chromedp.Poll[bool](`document.getElementById("result").textContent !== ""`))
	var a answer
	if err == nil {
		a.status, err = chromedp.Run(cctx, chromedp.Text(chromedp.CSS("#status")))
	}
	if err == nil {
		a.result, err = chromedp.Run(cctx, chromedp.TextContent(chromedp.CSS("#result")))
	}
	if err != nil {
		t.Fatalf("reading the page's answer: %v", err)
	}
	return a
}
