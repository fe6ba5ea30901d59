package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/anigql/anigql/cost"
	"github.com/anigql/anigql/internal/lint"
)

// reportCosts is lint --cost: a table of every operation's worst-case query
// complexity with its three biggest contributors, then the findings. With
// --json it writes {"costs": […], "findings": […]}.
func reportCosts(e *env, costs []lint.OpCost, findings []lint.Finding) error {
	if e.json {
		if costs == nil {
			costs = []lint.OpCost{}
		}
		if findings == nil {
			findings = []lint.Finding{}
		}
		return printJSON(e.stdout, struct {
			Costs    []lint.OpCost  `json:"costs"`
			Findings []lint.Finding `json:"findings"`
		}{costs, findings})
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "COST\tOPERATION\tAT\tBIGGEST\n")
	for _, c := range costs {
		top := make([]string, len(c.Top))
		for i, t := range c.Top {
			top[i] = t.String()
		}
		mark := ""
		if c.Cost > cost.Limit {
			mark = fmt.Sprintf("  over %d", cost.Limit)
		}
		fmt.Fprintf(tw, "%4d\t%s\t%s:%d:%d\t%s%s\n", c.Cost, c.Op, c.File, c.Line, c.Col, strings.Join(top, ", "), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return reportFindings(e, findings)
}
