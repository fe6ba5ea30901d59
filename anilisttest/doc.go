// Package anilisttest is an offline AniList emulator for tests, shaped like
// net/http/httptest: [NewServer] starts one on 127.0.0.1, [Server.URL] is
// its GraphQL endpoint (POST /, as https://graphql.anilist.co is), and
// [Server.Client] talks to it. [Server.Handler] and [Server.Transport] run
// the same emulator in-process, without a listener.
//
// # GraphQL
//
// Every operation is parsed and validated against the AniList schema the
// module embeds (anigql.Schema); a validation error answers HTTP 400 with
// {"data":null,"errors":[{"message","status":400,"locations"}]}. Valid
// operations are executed generically over an in-memory dataset: aliases,
// named and inline fragments on the unions, __typename, variables with
// defaults, @include and @skip all work, so an operation written for the
// real API runs unchanged. Introspection (__schema, __type) answers the
// whole schema. Every Query and Mutation root of the schema is answered;
// mutations change the dataset for later requests.
//
// AniList's semantics are followed where they are known:
//   - a missing entity is {"message":"Not Found.","status":404} with the
//     other root fields still answered, and HTTP 404;
//   - Viewer, Notification, Markdown, AniChartUser and every mutation need a
//     bearer token; without one they answer {"message":"Unauthorized.",
//     "status":401} and HTTP 401 (as AniList/docs#33 shows for Viewer);
//   - a bad or expired token answers HTTP 400 "Invalid token", every root
//     field null;
//   - mutation input that fails validation answers HTTP 400 with
//     "data":null and {"message":"validation","validation":{"score":["The
//     score may not be greater than 100."]}};
//   - a variable that is missing or of the wrong type answers HTTP 400
//     naming it, as in `Variable "$id" must be defined.`;
//   - Media.mediaListEntry is null without a token;
//   - Page.perPage is capped at 50 and nested connections at 25; pages
//     beyond page×perPage 5000 are empty;
//   - Page.pageInfo reports total pinned at the 5000-entry cap (and lastPage
//     from it) for every list that is not empty, as AniList is observed to:
//     only hasNextPage is exact, so stop on it;
//   - Page.mediaList never infers the user from the token: without userId,
//     userName, userId_in, mediaId, mediaId_in, id or isFollowing it
//     answers a 400 "anilisttest:" error;
//   - a variable is coerced as AniList's graphql-php does: "154587" for an
//     Int answers 400 `Variable "$id" got invalid value "154587"; Int
//     cannot represent non-integer value: "154587"`, as do 154587.0 and
//     integers beyond 32 bits;
//   - scores follow the list owner's mediaListOptions.scoreFormat: score
//     (read, and SaveMediaListEntry's score) is in that format, scoreRaw and
//     score(format: POINT_100) on the 100-point scale;
//   - title.userPreferred and name.userPreferred follow the viewer's
//     titleLanguage and staffNameLanguage, romaji without a token;
//   - every argument of the schema is either applied as AniList applies it
//     (isBirthday, minimumTagRank with its default of 18, licensedBy,
//     compareWithAuthList, subscribed, voice actors' language, SQL LIKE for
//     _like, sorts ROLE, RELEVANCE and SEARCH_MATCH among them) or refused:
//     given a value other than its default, a refused argument, or a sort
//     value that has no meaning on that field, fails the field with a 400
//     "anilisttest: argument Type.field(arg) is not supported" instead of
//     being ignored (a test in internal/emu/data walks the schema so none is
//     left unclassified);
//   - SEARCH_MATCH without search, and an enum value newer than the version
//     asked for (Media.source(version:)), are errors rather than a guess;
//   - user statistics (genres, tags, staff, studios, voice actors, scores,
//     lengths, formats, countries, release and start years), Media.stats
//     and Media.rankings are derived from the stored lists and scores on
//     every read, so they follow mutations;
//   - MediaListCollection takes chunk and perChunk (at most 500) and says
//     hasNextChunk.
//
// The HTTP status mirrors the first error's status. Bodies keep AniList's
// key order: {"data":null,"errors":[…]} when nothing ran,
// {"errors":[…],"data":{…}} beside partial data.
//
// # Dataset
//
// The dataset is deterministic: 1020 media (720 anime, 300 manga; real
// titles such as "Sousou no Frieren", id 154587, among generated ones),
// 401 characters, 200 staff, 30 studios, 50 users, their lists (the demo
// viewer [DemoUserID] has 640 anime and 90 manga entries), favourites,
// follows, activities, replies, reviews, recommendations, threads, airing
// schedules (centred on the server's clock), external links (streaming
// sites among them), streaming episodes, trailers, threads in media
// categories, birthdays, and one notification of every NotificationUnion
// member for the demo viewer. [Server.Put],
// [Server.Get] and [Server.Delete] change records for one test.
//
// # Rate limits and faults
//
// Every GraphQL answer carries X-RateLimit-Limit and X-RateLimit-Remaining.
// Over [Server.RateLimit] requests per [Server.RateWindow] (or over
// [Server.Burst] per [Server.BurstWindow]) the answer is 429 with
// Retry-After, X-RateLimit-Reset and AniList's body, and every answer stays
// 429 for [Server.RateTimeout] from then, as AniList's one-minute timeout;
// [Server.Degraded] allows a third of the limit while the headers still
// announce all of it. [Server.FailNext], [Server.DisableAPI],
// [Server.StallNext] and [Server.MalformBodyNext] inject faults;
// [Server.FailRate] and [Server.SetAPIDisabled] are the lasting switches.
//
// # OAuth
//
// AniList's OAuth endpoints are served under /api/v2/oauth/ (authorize,
// token, pin) with a demo application, [DemoClientID] and
// [DemoClientSecret], whose redirect URI is [Server.RedirectURI]. Tokens
// from that flow, from [Server.Token] and from [Server.ViewerToken] are
// accepted by the GraphQL side. They are signed with a random key per
// server unless [Server.SigningKey] is set, which makes tokens outlive one
// server (for example a token saved by one run of a program and sent to the
// emulator of the next).
//
// The OAuth side behaves as anilist.co's league/oauth2-server: the redirect
// carries the state back, a code_challenge (plain or S256) is stored with
// the code and the token request's code_verifier verified, with league's
// error JSON (invalid_grant, hint "Failed to verify `code_verifier`."),
// codes start with "def50200" and expire after 10 minutes on the
// [Server.Now] clock, and tokens are JWTs with aud, jti, iat, nbf,
// exp (iat + one year), sub and scopes: [].
package anilisttest
