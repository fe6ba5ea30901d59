package cost

// Rule is a field's complexityFn, as in webonyx/graphql-php's
// FieldDefinition: it gets the complexity of the field's selection and the
// field's arguments (variables resolved, defaults applied) and returns the
// field's complexity. The default, for every field without a rule, is
// children + 1.
type Rule func(children int, args map[string]any) int

// Table maps "Type.field" (for example "Media.relations" or
// "Query.Page") to the [Rule] of the fields whose cost is not the default.
type Table map[string]Rule

// AniList is the calibrated table of AniList's fields that are not scored
// by the default rule. It is empty: every published measurement (see the
// package documentation) is reproduced exactly, or within one per alias
// where the source itself is approximate, by children + 1 everywhere,
// including `Page(perPage: 50)`, whose list size does not multiply the cost
// of its items. Callers may copy it and add rules when AniList is measured
// to differ.
var AniList = Table{}

// Bounds are the documented maxima of the arguments a [Rule] may weigh,
// which [WorstCase] scoring gives a variable argument: perPage at most 50
// (25 on nested connections, so 50 overestimates there) and perChunk at
// most 500.
var Bounds = map[string]any{
	"perPage":  50,
	"perChunk": 500,
}
