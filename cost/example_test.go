package cost_test

import (
	"fmt"

	"github.com/anigql/anigql/cost"
)

// Score an aliased batch before sending it: fifteen aliases of a 35-point
// selection are over AniList's limit.
func ExampleModel_Score() {
	m, err := cost.Default()
	if err != nil {
		panic(err)
	}
	r, err := m.Score(aliasedMedia(15, mediaCard35), "", nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Cost, r.Over(cost.Limit))
	fmt.Println(cost.Message(cost.Limit, r.Cost))
	fmt.Println(r.Top)
	// Output:
	// 525 true
	// Max query complexity should be 500 but got 525.
	// [a0 35 a1 35 a2 35]
}

// WorstCase counts every field a variable could switch on.
func ExampleModel_WorstCase() {
	m, _ := cost.Default()
	r, _ := m.WorstCase(`query Q($full: Boolean!) { Media(id: 1) { id title @include(if: $full) { romaji english } } }`, "Q")
	fmt.Println(r.Cost)
	// Output: 5
}
