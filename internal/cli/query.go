package cli

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/Khan/genqlient/graphql"
	"github.com/spf13/cobra"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator"

	"github.com/anigql/anigql"
)

func newQueryCmd(e *env) *cobra.Command {
	var vars []string
	var opName string
	cmd := &cobra.Command{
		Use:   "query FILE.graphql|-",
		Short: "Run any GraphQL operation from a file and print the JSON result",
		Long: `query validates the operation against the AniList schema, sends it with the
variables given as --var name=value and prints the JSON data, fields in the
order of the query. Values are typed by the operation's declarations: String,
ID and enum values as they are, Int, Float and Boolean as in GraphQL (7, 1.5,
true), lists and input objects as JSON ([1,2], {"year":2024}); a value the
schema rejects, or a missing required variable, is a usage error. Use
--operation to pick one when the file holds several. FILE - reads the
operation from standard input.`,
		Example: `  anigql query media.graphql --var id=1 --var type=ANIME
  echo '{ Media(id: 1) { title { romaji } } }' | anigql --offline query -`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := queryRequest(e, args[0], opName, vars)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			c, err := e.client(ctx, false)
			if err != nil {
				return err
			}
			var data json.RawMessage
			reqErr := c.MakeRequest(ctx, req, &graphql.Response{Data: &data})
			if len(data) > 0 && string(data) != "null" {
				// indented as received: fields in the query's order
				var b bytes.Buffer
				if json.Indent(&b, data, "", "  ") == nil {
					b.WriteByte('\n')
					if _, err := b.WriteTo(e.stdout); err != nil {
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

// queryRequest reads the operation file, checks it and its --var values
// against the schema and returns the request to send.
func queryRequest(e *env, file, opName string, vars []string) (*graphql.Request, error) {
	var src []byte
	var err error
	if file == "-" {
		file = "standard input"
		src, err = io.ReadAll(e.stdin)
	} else {
		src, err = os.ReadFile(file)
	}
	if err != nil {
		return nil, err
	}
	schema, err := anigql.LoadSchema()
	if err != nil {
		return nil, err
	}
	op, err := checkOperation(schema, file, string(src), opName)
	if err != nil {
		return nil, err
	}
	variables, err := parseVars(schema, op, vars)
	if err != nil {
		return nil, err
	}
	return &graphql.Request{Query: string(src), Variables: variables, OpName: op.Name}, nil
}

// checkOperation parses and validates src and returns the operation to run.
func checkOperation(schema *ast.Schema, name, src, opName string) (*ast.OperationDefinition, error) {
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
		return nil, usagef("%s has no operation %q (it has %s)", name, opName, opNames(doc))
	case len(doc.Operations) == 1:
		return doc.Operations[0], nil
	}
	if len(doc.Operations) == 0 {
		return nil, usagef("%s has no operation, only fragments", name)
	}
	return nil, usagef("%s has %d operations (%s): pick one with --operation NAME", name, len(doc.Operations), opNames(doc))
}

// opNames lists the operations of doc for a message.
func opNames(doc *ast.QueryDocument) string {
	names := make([]string, len(doc.Operations))
	for i, op := range doc.Operations {
		names[i] = cmp.Or(op.Name, "(anonymous)")
	}
	return strings.Join(names, ", ")
}

// parseVars turns name=value pairs into variables typed by op's declarations
// and checks them against schema (which op must have been validated with):
// enum values, input object fields, list items, required variables.
func parseVars(schema *ast.Schema, op *ast.OperationDefinition, pairs []string) (map[string]any, error) {
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
	if _, err := validator.VariableValues(schema, op, out); err != nil {
		return nil, varError(err)
	}
	return out, nil
}

// varError turns a variable validation error ("input: variable.id[0] …")
// into a usage error naming the variable as --var does.
func varError(err error) error {
	var gerr *gqlerror.Error
	if !errors.As(err, &gerr) || len(gerr.Path) < 2 {
		return usageError{err}
	}
	where := strings.TrimPrefix(gerr.Path.String(), "variable.")
	if gerr.Message == "must be defined" {
		return usagef("$%s is required: pass --var %s=VALUE", where, where)
	}
	return usagef("--var %s: %s", where, gerr.Message)
}

// varValue converts one --var value: built-in scalars from their text, enum
// values as they are, anything else (lists, input objects) from JSON.
func varValue(t *ast.Type, value string) (any, error) {
	if t.Elem == nil {
		switch t.NamedType {
		case "String", "ID", "CountryCode":
			return value, nil
		case "Int", "FuzzyDateInt":
			n, err := strconv.ParseInt(value, 10, 32)
			if err != nil {
				return nil, fmt.Errorf("%q is not an Int", value)
			}
			return int(n), nil
		case "Float":
			f, err := strconv.ParseFloat(value, 64)
			if err != nil {
				return nil, fmt.Errorf("%q is not a Float", value)
			}
			return f, nil
		case "Boolean":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return nil, fmt.Errorf("%q is not a Boolean (true or false)", value)
			}
			return b, nil
		}
		if !json.Valid([]byte(value)) {
			return value, nil // an enum value
		}
	}
	var v any
	if err := json.Unmarshal([]byte(value), &v); err != nil {
		return nil, fmt.Errorf("%q is not JSON for type %s", value, t.String())
	}
	return v, nil
}
