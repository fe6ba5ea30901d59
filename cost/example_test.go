package cost_test

import (
	"fmt"
	"strings"

	"github.com/anigql/anigql/cost"
)

// Score an aliased batch before sending it: fifty aliases of an 11-point
// selection are over AniList's limit, as AniList measured ("got 550").
func ExampleModel_Score() {
	m, err := cost.Default()
	if err != nil {
		panic(err)
	}
	var q strings.Builder
	q.WriteString("query Mapping {")
	for i := range 50 {
		fmt.Fprintf(&q, " a%d: Media(id: %d) { id idMal format genres title { romaji english native } startDate { year } }", i, i+1)
	}
	q.WriteString(" }")
	r, err := m.Score(q.String(), "Mapping", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Cost, r.Over(cost.Limit))
	fmt.Println(cost.Message(cost.Limit, r.Cost))
	fmt.Println(r.Top)
	fmt.Println("aliases per request:", cost.Limit/r.Top[0].Cost)
	// Output:
	// 550 true
	// Max query complexity should be 500 but got 550.
	// [a0 11 a1 11 a2 11]
	// aliases per request: 45
}

// WorstCase counts every field a variable could switch on.
func ExampleModel_WorstCase() {
	m, _ := cost.Default()
	r, _ := m.WorstCase(`query Q($full: Boolean!) { Media(id: 1) { id title @include(if: $full) { romaji english } } }`, "Q")
	fmt.Println(r.Cost)
	// Output: 5
}
