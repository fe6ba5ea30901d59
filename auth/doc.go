// Package auth logs users in to AniList with OAuth2 (authorization-code,
// implicit and pin grants), stores their tokens and returns an *http.Client
// that signs every request with "Authorization: Bearer".
//
// It builds on golang.org/x/oauth2 and adds what that package lacks for
// AniList: the implicit grant's fragment relay, the pin page, AniAPI's token
// envelope, expiry from the JWT, and a token store.
//
// # Providers
//
// [AniList] and [AniAPI] are ready-made endpoints; any other provider (the
// emulator in anilisttest, another OAuth2 server) is an [Endpoint] value.
// Client credentials always travel in the token request's body
// (x/oauth2's AuthStyleInParams), never in a Basic header, so that a
// one-time code is posted exactly once. That body is a form, as RFC 6749
// asks and AniList accepts; Endpoint.JSONRequest sends a JSON object
// instead, as AniList's JavaScript sample does.
//
// # Flows
//
// [Config.Login] runs a whole login. With a loopback redirect URL it starts
// a receiver bound to 127.0.0.1 that checks the Host header, accepts exactly
// one callback and answers later ones with [ErrCallbackUsed]; for the
// implicit grant it serves a page whose script posts the URL fragment (which
// browsers never send to a server) back to the receiver. With [PinURL] or
// any other redirect URL, the user pastes the code, the token or the whole
// redirected URL ([ParsePin]). [Config.AuthCodeURL], [Config.ImplicitURL]
// and [Config.Exchange] are the building blocks for programs that receive
// the redirect themselves.
//
// # State policy
//
// Every consent URL carries a fresh random state ([NewState], 256 bits).
// A callback whose state differs from it is rejected with a [*StateError]
// and ends the login. A callback without any state is rejected too, except
// for endpoints with StateOptional set: AniList's documentation never
// mentions state, so [AniList] accepts a callback that carries none (and
// still rejects a wrong one). The loopback receiver limits what a forged
// callback can do: it listens only while a login runs, on 127.0.0.1, for
// one callback. Pasted bare codes and tokens carry no state and are
// trusted, since the user copies them from the provider's page; a pasted
// URL with a state must match.
//
// # Tokens
//
// AniList tokens are JWTs valid for one year and cannot be refreshed. A
// [Token]'s expiry comes from expires_in, else from the JWT exp claim, else
// from the issue time plus the endpoint's Lifetime (one year for AniList,
// 30 days for AniAPI). JWT claims are decoded WITHOUT verifying the
// signature ([ParseClaims]): they only predict the expiry and name the user
// ([Token.UserID], from the sub claim); the provider remains the judge. An
// expired token gives an [*ExpiredError], which says to log in again.
//
// A Token never shows its access token when printed or logged, and its
// JSON leaves it out. [FileStore] keeps one token per profile under
// os.UserConfigDir()/anigql/tokens (shared with the anigql command), written
// atomically with mode 0600; the
// ANILIST_TOKEN environment variable ([TokenFromEnv]) overrides it.
//
// # Signing requests
//
// [NewClient] returns an *http.Client that adds the bearer token to a clone
// of every request and fails before sending when the token has expired.
// This client is what anilist.NewClient takes.
package auth
