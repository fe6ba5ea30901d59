package anilist

// Version is the anigql release this package belongs to. It appears in the
// default User-Agent.
const Version = "0.1.0"

// ModuleURL is the home of the anigql module. It appears in the default
// User-Agent and is the default Referer.
const ModuleURL = "https://github.com/anigql/anigql"

// DefaultEndpoint is AniList's GraphQL endpoint.
const DefaultEndpoint = "https://graphql.anilist.co"

// DefaultUserAgent is the User-Agent sent when [Options.UserAgent] is empty.
const DefaultUserAgent = "anigql/" + Version + " (+" + ModuleURL + ")"
