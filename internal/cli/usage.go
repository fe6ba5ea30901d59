package cli

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// checkFlagsFirst reports an unknown global flag before the command name
// (anigql --offlne search x), which cobra would otherwise take for a flag
// with a value and answer `unknown command "x"`.
func checkFlagsFirst(root *cobra.Command, args []string) error {
	root.InitDefaultHelpFlag()
	root.InitDefaultVersionFlag()
	known := root.PersistentFlags()
	local := root.Flags()
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") || a == "-" {
			return nil // the command name (or the end of flags)
		}
		name, hasValue := strings.TrimLeft(a, "-"), false
		if k, _, ok := strings.Cut(name, "="); ok {
			name, hasValue = k, true
		}
		var f *pflag.Flag
		if strings.HasPrefix(a, "--") {
			f = orFlag(known.Lookup(name), local.Lookup(name))
		} else if len(name) == 1 {
			f = orFlag(known.ShorthandLookup(name), local.ShorthandLookup(name))
		}
		if f == nil {
			return usageError{fmt.Errorf("unknown flag %s%s", strings.SplitN(a, "=", 2)[0], suggestFlag(root, name))}
		}
		if !hasValue && f.NoOptDefVal == "" {
			i++ // the flag's value
		}
	}
	return nil
}

func orFlag(a, b *pflag.Flag) *pflag.Flag {
	if a != nil {
		return a
	}
	return b
}

// suggestFlag returns " (did you mean --x?)" for the global flag nearest to
// name, or "".
func suggestFlag(root *cobra.Command, name string) string {
	best, dist := "", 3
	visit := func(f *pflag.Flag) {
		if d := levenshtein(name, f.Name); d < dist {
			best, dist = f.Name, d
		}
	}
	root.PersistentFlags().VisitAll(visit)
	root.Flags().VisitAll(visit)
	if best == "" {
		return "; see anigql --help"
	}
	return fmt.Sprintf(" (did you mean --%s?)", best)
}

func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

var invalidArg = regexp.MustCompile(`^invalid argument "(.*)" for "(?:-\w, )?--([\w-]+)" flag: `)

// flagError turns pflag's parse errors into usage errors that say what the
// flag wants, without strconv's internals:
// `--score: "abc" is not a number (such as 8.5)`.
func flagError(cmd *cobra.Command, err error) error {
	m := invalidArg.FindStringSubmatch(err.Error())
	if m == nil {
		return usageError{err}
	}
	want := "valid"
	if f := cmd.Flags().Lookup(m[2]); f != nil {
		switch f.Value.Type() {
		case "float64", "float32":
			want = "a number (such as 8.5)"
		case "int", "int64", "int32", "uint", "uint64":
			want = "a whole number"
		case "duration":
			want = "a duration (such as 30s, 2m or 1h30m)"
		case "bool":
			want = "true or false"
		}
	}
	return usagef("--%s: %q is not %s", m[2], m[1], want)
}

var didYouMean = regexp.MustCompile(`(?s)^(unknown command "[^"]*") for "[^"]*"(?:\s+Did you mean this\?\s+(.*))?$`)

// commandError rewrites cobra's unknown-command error, whose suggestions
// come on lines of their own, as one line.
func commandError(msg string) (string, bool) {
	m := didYouMean.FindStringSubmatch(strings.TrimSpace(msg))
	if m == nil {
		return "", false
	}
	if s := strings.Fields(m[2]); len(s) > 0 {
		return fmt.Sprintf("%s (did you mean %s?)", m[1], strings.Join(s, " or ")), true
	}
	return m[1] + "; see anigql help", true
}
