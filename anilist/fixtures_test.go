package anilist_test

import "github.com/anigql/anigql/internal/fixtures"

// The response bodies come from internal/fixtures, which internal/benchcmp
// shares, so every decoder comparison decodes the same bytes.

type obj = fixtures.Obj

var (
	mustJSON           = fixtures.MustJSON
	searchMediaBody    = fixtures.SearchMediaBody
	listCollectionBody = fixtures.ListCollectionBody
)
