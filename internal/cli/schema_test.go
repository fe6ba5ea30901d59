package cli

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anigql/anigql"
	"github.com/anigql/anigql/internal/sdl"
)

// introspectionServer answers any POST with the introspection result of the
// committed schema, as the emulator and graphql.anilist.co do.
func introspectionServer(t *testing.T) *httptest.Server {
	t.Helper()
	loaded, err := anigql.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	answer, err := json.Marshal(map[string]any{"data": map[string]any{"__schema": sdl.FromAST(loaded)}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.Header.Get("Referer") == "" || !strings.HasPrefix(r.Header.Get("User-Agent"), "anigql") {
			http.Error(w, `{"data":null,"errors":[{"message":"forbidden","status":403}]}`, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(answer)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSchemaCommand(t *testing.T) {
	t.Parallel()
	srv := introspectionServer(t)
	out := filepath.Join(t.TempDir(), "schema.graphql")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
		file     string // read the output from here instead of stdout
	}{
		{name: "endpoint to stdout", args: []string{"schema", "--endpoint", srv.URL}},
		{name: "endpoint to file", args: []string{"schema", "--endpoint", srv.URL, "-o", out}, file: out},
		{name: "from SDL", args: []string{"schema", "--from", "../../schema.graphql"}},
		{name: "from and endpoint", args: []string{"schema", "--from", "x", "--endpoint", srv.URL}, wantCode: ExitUsage, wantErr: "either --from or --endpoint"},
		{name: "missing file", args: []string{"schema", "--from", "does-not-exist.json"}, wantCode: ExitError, wantErr: "does-not-exist.json"},
		{name: "unknown flag", args: []string{"schema", "--nope"}, wantCode: ExitUsage, wantErr: "unknown flag"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, strings.NewReader(""), &stdout, &stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code = %d; want %d (stderr: %s)", code, tt.wantCode, stderr.String())
			}
			if tt.wantCode != 0 {
				if !strings.Contains(stderr.String(), tt.wantErr) {
					t.Errorf("stderr = %q; want it to contain %q", stderr.String(), tt.wantErr)
				}
				return
			}
			got := stdout.String()
			if tt.file != "" {
				data, err := os.ReadFile(tt.file)
				if err != nil {
					t.Fatal(err)
				}
				got = string(data)
			}
			if diff := cmp.Diff(anigql.Schema, got); diff != "" {
				t.Errorf("schema output differs from schema.graphql (-committed +got):\n%s", diff)
			}
		})
	}
}
