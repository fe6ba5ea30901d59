//go:build tools

// This file pins the code generator so that `go generate ./...` runs the
// version recorded in go.mod. go.mod also requires golang.org/x/tools v0.39.0:
// genqlient v0.8.1's own minimum (v0.24.0) does not compile on Go 1.25 and
// later.
package anigql

import _ "github.com/Khan/genqlient"
