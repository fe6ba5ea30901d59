// Command anigql is the terminal front end of the anigql module: it logs in
// to AniList, runs queries and mutations, serves the offline emulator, writes
// the schema and scaffolds downstream repositories. Run `anigql help`.
package main

import (
	"os"

	"github.com/anigql/anigql/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
