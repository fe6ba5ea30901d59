package stockgen_test

import (
	"testing"

	"github.com/Khan/genqlient/generate"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestConfigMatchesRoot keeps this package's genqlient.yaml in step with the
// root one, so that the stock types are the generated types minus the
// post-processing and nothing else.
func TestConfigMatchesRoot(t *testing.T) {
	t.Parallel()
	root, err := generate.ReadAndValidateConfig("../../genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	stock, err := generate.ReadAndValidateConfig("genqlient.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ignore := cmpopts.IgnoreFields(generate.Config{}, "Generated", "Package", "ExportOperations", "ContextType", "ClientGetter")
	if d := cmp.Diff(root, stock, ignore, cmpopts.IgnoreUnexported(generate.Config{})); d != "" {
		t.Errorf("internal/stockgen/genqlient.yaml differs from genqlient.yaml (-root +stock):\n%s", d)
	}
}
