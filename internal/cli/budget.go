package cli

import (
	"time"

	"github.com/anigql/anigql/anilist"
	"github.com/anigql/anigql/anilist/budget"
)

// Environment variables of the shared rate-limit budget.
const (
	// envBudget is the budget file's path, or "off" for a budget in
	// memory. Unset, calls to AniList itself share
	// budget.DefaultFile() (in the user's cache directory), and calls to
	// any other endpoint keep their budget in memory.
	envBudget = "ANIGQL_BUDGET"
	// envBudgetWindow is the rate-limit window of the budget file
	// (default AniList's minute), for servers with other windows.
	envBudgetWindow = "ANIGQL_BUDGET_WINDOW"
)

// budget returns the budget that invocations of anigql on this machine
// share for endpoint (a file, see envBudget), or nil for the client's own.
// A file that cannot be used leaves the client its own budget.
func (e *env) budget(endpoint string) anilist.Budget {
	path := e.getenv(envBudget)
	switch {
	case path == "off" || e.offline:
		return nil
	case path == "" && endpoint != anilist.DefaultEndpoint:
		return nil
	case path == "":
		var err error
		if path, err = budget.DefaultFile(); err != nil {
			return nil
		}
	}
	var o budget.Options
	if w, err := time.ParseDuration(e.getenv(envBudgetWindow)); err == nil && w > 0 {
		o.Window = w
	}
	b, err := budget.NewFile(path, &o)
	if err != nil {
		return nil
	}
	return b
}
