package genpost

import (
	"go/parser"
	"go/token"
	"os"
	"testing"
)

// FuzzRewrite feeds Go sources to Rewrite: it must never panic, and what it
// returns for a file it accepts must parse again. Run with
//
//	go test ./internal/genpost -run '^$' -fuzz FuzzRewrite -fuzztime 30s
func FuzzRewrite(f *testing.F) {
	golden, err := os.ReadFile("testdata/out.golden")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add([]byte("package x\n\nimport \"encoding/json\"\n\nvar _ = json.Unmarshal\n"))
	f.Add([]byte("package x\n\ntype T struct{ E `json:\"-\"` }\ntype E struct{}\n\nfunc (v *T) UnmarshalJSON(b []byte) error {\n\tvar firstPass struct {\n\t\t*T\n\t\tgraphql.NoUnmarshalJSON\n\t}\n\treturn nil\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := Rewrite(src)
		if err != nil {
			return
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "out.go", out, 0); err != nil {
			t.Errorf("output does not parse: %v\n%s", err, out)
		}
	})
}
