package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/Khan/genqlient/graphql"
	"github.com/spf13/cobra"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/anigql/anigql"
)

func newQueryCmd(e *env) *cobra.Command {
	var vars []string
	var opName string
	cmd := &cobra.Command{
		Use:   "query FILE.graphql",
		Short: "Run any GraphQL operation from a file and print the JSON result",
		Long: `query validates the operation against the AniList schema, sends it with the
variables given as --var name=value (typed by the operation's declarations:
strings and enums as they are, other types as JSON) and prints the JSON data.
Use --operation to pick one when the file holds several.`,
		Example: `  anigql query media.graphql --var id=1 --var type=ANIME`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			op, err := checkOperation(args[0], string(src), opName)
			if err != nil {
				return err
			}
			variables, err := parseVars(op, vars)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := e.client(ctx, false)
			if err != nil {
				return err
			}
			var data json.RawMessage
			req := &graphql.Request{Query: string(src), Variables: variables, OpName: op.Name}
			reqErr := c.MakeRequest(ctx, req, &graphql.Response{Data: &data})
			if len(data) > 0 && string(data) != "null" {
				var v any
				if err := json.Unmarshal(data, &v); err == nil {
					if err := printJSON(e.stdout, v); err != nil {
						return err
					}
				}
			}
			return reqErr
		},
	}
	cmd.Flags().StringArrayVar(&vars, "var", nil, "variable as name=value (repeatable)")
	cmd.Flags().StringVar(&opName, "operation", "", "operation to run when the file has several")
	return cmd
}

// checkOperation parses and validates src and returns the operation to run.
func checkOperation(name, src, opName string) (*ast.OperationDefinition, error) {
	schema, err := anigql.LoadSchema()
	if err != nil {
		return nil, err
	}
	doc, perr := parser.ParseQuery(&ast.Source{Name: name, Input: src})
	if perr != nil {
		return nil, usageError{perr}
	}
	if errs := validator.ValidateWithRules(schema, doc, nil); len(errs) > 0 {
		return nil, usageError{errors.New(errs[0].Error())}
	}
	switch {
	case opName != "":
		if op := doc.Operations.ForName(opName); op != nil {
			return op, nil
		}
		return nil, usagef("%s has no operation %q", name, opName)
	case len(doc.Operations) == 1:
		return doc.Operations[0], nil
	}
	return nil, usagef("%s has %d operations: pick one with --operation", name, len(doc.Operations))
}

// parseVars turns name=value pairs into variables typed by op's declarations.
func parseVars(op *ast.OperationDefinition, pairs []string) (map[string]any, error) {
	out := map[string]any{}
	for _, p := range pairs {
		name, value, ok := strings.Cut(p, "=")
		if !ok {
			return nil, usagef("--var %q: want name=value", p)
		}
		name = strings.TrimPrefix(name, "$")
		def := op.VariableDefinitions.ForName(name)
		if def == nil {
			return nil, usagef("--var %s: the operation declares no $%s", name, name)
		}
		v, err := varValue(def.Type, value)
		if err != nil {
			return nil, usagef("--var %s: %v", name, err)
		}
		out[name] = v
	}
	return out, nil
}

func varValue(t *ast.Type, value string) (any, error) {
	if t.Elem == nil {
		switch t.NamedType {
		case "String", "ID", "CountryCode":
			return value, nil
		case "Int", "FuzzyDateInt":
			return strconv.Atoi(value)
		case "Float":
			return strconv.ParseFloat(value, 64)
		case "Boolean":
			return strconv.ParseBool(value)
		}
		if !json.Valid([]byte(value)) {
			return value, nil // an enum value
		}
	}
	if !json.Valid([]byte(value)) {
		return nil, fmt.Errorf("%q is not JSON for type %s", value, t.String())
	}
	return json.RawMessage(value), nil
}
