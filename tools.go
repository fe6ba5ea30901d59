//go:build tools

// This file pins the code generator so that `go generate ./...` runs the
// version recorded in go.mod.
package anigql

import _ "github.com/Khan/genqlient"
