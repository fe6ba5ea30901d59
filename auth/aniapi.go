package auth

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
)

// exchangeTransport wraps the token request made by x/oauth2: it adds
// Accept: application/json (on a clone of the request), turns the form body
// into JSON when asked to and, for AniAPI, turns the envelope into a
// standard token response so that x/oauth2 can read it.
type exchangeTransport struct {
	base   http.RoundTripper
	format TokenFormat
	json   bool // send the parameters as a JSON object
}

// envelopeMessageHeader carries AniAPI's message from the rewritten
// response to exchangeError. It never leaves the process.
const envelopeMessageHeader = "X-Anigql-Envelope-Message"

// maxTokenResponse bounds the token response read (as x/oauth2 does).
const maxTokenResponse = 1 << 20

func (t *exchangeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.base
	if base == nil {
		base = http.DefaultTransport
	}
	out := setAccept(req)
	if t.json {
		var err error
		if out, err = jsonBody(out); err != nil {
			return nil, err
		}
	}
	resp, err := base.RoundTrip(out)
	if err != nil || t.format != FormatAniAPI {
		return resp, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	status, msg, std := translateEnvelope(resp.StatusCode, body)
	resp.StatusCode = status
	resp.Status = strconv.Itoa(status) + " " + http.StatusText(status)
	if std != nil {
		body = std
		resp.Header = resp.Header.Clone()
		resp.Header.Set("Content-Type", "application/json")
	} else if msg != "" {
		resp.Header = resp.Header.Clone()
		resp.Header.Set(envelopeMessageHeader, msg)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// aniapiEnvelope is AniAPI's answer shape. Status is a pointer so that an
// answer without it is told apart from status 0.
type aniapiEnvelope struct {
	Status  *int            `json:"status"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data"`
}

// translateEnvelope reads an AniAPI token answer. On success it returns 200
// and the equivalent RFC 6749 JSON; otherwise the status to report (the
// envelope's status when it is an error status, else 502) and the message.
func translateEnvelope(httpStatus int, body []byte) (status int, msg string, std []byte) {
	var env aniapiEnvelope
	if err := json.Unmarshal(body, &env); err != nil || env.Status == nil {
		if httpStatus >= 400 {
			return httpStatus, "", nil
		}
		return http.StatusBadGateway, "the answer is not an AniAPI envelope", nil
	}
	msg = env.Message
	var token string
	if *env.Status == http.StatusOK && httpStatus < 300 && json.Unmarshal(env.Data, &token) == nil && token != "" {
		std, _ = json.Marshal(map[string]string{"access_token": token, "token_type": "Bearer"})
		return http.StatusOK, msg, std
	}
	switch {
	case *env.Status >= 400 && *env.Status <= 599:
		return *env.Status, msg, nil
	case httpStatus >= 400:
		return httpStatus, msg, nil
	}
	if msg == "" {
		msg = "the envelope holds no token"
	}
	return http.StatusBadGateway, msg, nil
}
