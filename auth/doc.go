// Package auth logs users in to AniList with OAuth2 (authorization-code,
// implicit and pin grants), stores their tokens and returns an *http.Client
// that signs every request with "Authorization: Bearer".
//
// It builds on golang.org/x/oauth2 and adds what that package lacks for
// AniList: the implicit grant's fragment relay, the pin page, AniAPI's token
// envelope, expiry from the JWT, and a token store. It follows RFC 9700
// (OAuth 2.0 Security Best Current Practice), RFC 8252 (native apps) and
// RFC 7636 (PKCE).
//
// # Providers
//
// [AniList] and [AniAPI] are ready-made endpoints; any other provider (the
// emulator in anilisttest, another OAuth2 server) is an [Endpoint] value.
//
// AniList's OAuth server is league/oauth2-server behind Laravel Passport.
// Its AuthCodeGrant (https://github.com/thephpleague/oauth2-server,
// src/Grant/AuthCodeGrant.php) puts the request's state back on the
// redirect, for approval and denial alike; accepts code_challenge and
// code_challenge_method ("plain" by default, or "S256") on the
// authorization request and then requires code_verifier on the token
// request, answering a wrong one with invalid_grant and the hint "Failed to
// verify `code_verifier`.". What league's source does not show, and the
// issue that introduced PKCE here states from AniList itself: its codes are
// defuse-encrypted strings starting "def50200", and its RS256 JWTs carry
// aud (the client id), jti, iat, nbf, exp (iat + 31,536,000 s), sub (the
// user id) and scopes: [].
//
// Client credentials go where Endpoint.AuthStyle says (RFC 6749 section
// 2.3.1): the presets post them in the body, as AniList documents; the zero
// value sends HTTP Basic for a confidential client and client_id alone in
// the body for a public one. No token request is ever sent twice (x/oauth2's
// auto-detection would post a one-time code a second time). The body is a
// form, as RFC 6749 asks and AniList accepts; Endpoint.JSONRequest sends a
// JSON object instead, as AniList's JavaScript sample does.
//
// # Flows
//
// [Config.Login] runs a whole login. With a loopback redirect URL it starts
// a receiver on 127.0.0.1 (for a localhost URL, the same port on 127.0.0.1
// and ::1, or it refuses to start, so that no other local process can take
// the other address family and receive the code; only a system without any
// IPv6 loopback gets 127.0.0.1 alone) that checks the Host
// header; for the implicit grant it serves a page whose script posts the
// URL fragment (which browsers never send to a server) back to the
// receiver, with a custom header and the receiver's own Origin. With
// [PinURL] or any other redirect URL, the user pastes the code, the token
// or the whole redirected URL ([ParsePin]).
//
// Programs that receive the redirect themselves use [Config.AuthCodeURL]
// (or [Config.ImplicitURL]), which returns an [*AuthRequest] holding the
// state and the PKCE verifier, [AuthRequest.Callback] to check the
// redirect, and [Config.Exchange], which takes the same AuthRequest: a code
// cannot be exchanged without the verifier of the request that asked for
// it.
//
// # PKCE
//
// Every authorization request carries an S256 code_challenge (RFC 7636) of
// a fresh 32-byte verifier made by x/oauth2's GenerateVerifier, and the
// code exchange sends the verifier, so that a code stolen on its way back
// (by another app registered for the same redirect, a log, a browser
// extension) is useless. Endpoint.NoPKCE turns it off for a provider that
// refuses it. The verifier is never printed or logged.
//
// # State policy
//
// Every consent URL carries a fresh random state ([NewState], 256 bits),
// and every callback must bring it back: one without it, or with another,
// never yields a token. The loopback receiver checks the state itself, in
// constant time, before anything else: a wrong or missing one, or a token
// in a plain GET query, is answered 400 and does NOT end the login, so a
// web page that guesses the port can neither inject its own code (login
// CSRF) nor cancel the user's login; only after [MaxBadCallbacks] of them
// does Login give up with a [*StateError]. Error callbacks
// (error=access_denied) are state-checked the same way. The first callback
// with the right state is the one; a replay of it gets 409
// ([ErrCallbackUsed]). The implicit grant's token is accepted only from the
// relay POST, never from a GET, and always requires the state.
//
// Endpoint.StateOptional accepts a code callback without any state, for a
// custom provider that never echoes it. It weakens the login (only PKCE is
// then left against an injected code); no preset sets it.
//
// A pasted URL must carry the state too. A pasted bare code or token cannot,
// and is trusted, since the user copies it from the provider's page; a bare
// code still needs this login's PKCE verifier.
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
// When a provider sends a refresh_token (custom providers; AniList does
// not), the Token and the store keep it, and [Config.TokenSource] and
// [Config.StoreTokenSource] renew the token through x/oauth2 a minute
// before it expires instead of failing.
//
// A Token never shows its access or refresh token when printed or logged,
// and its JSON leaves both out. [FileStore] keeps one token per profile
// under os.UserConfigDir()/anigql/tokens (shared with the anigql command),
// written atomically with mode 0600 in a directory it keeps at 0700, and
// removes what a crashed save left behind; the ANILIST_TOKEN environment
// variable ([TokenFromEnv]) overrides it.
//
// # Signing requests
//
// [NewClient] returns an *http.Client that adds the bearer token to a clone
// of every request and fails before sending when the token has expired.
// This client is what anilist.NewClient takes.
package auth
