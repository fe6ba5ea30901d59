// Package browser holds an end-to-end test of package auth's implicit
// grant in a real headless Chromium driven by chromedp: the emulator's
// consent page is clicked, the receiver's relay script runs and posts the
// URL fragment back. It is its own module so that users of anigql never
// download chromedp. Run it from this directory with
//
//	go test -race ./...
//
// It needs Chromium at /usr/bin/chromium (or $CHROMIUM). Outside CI it skips
// when Chromium is missing; with CI=true it fails instead.
package browser
