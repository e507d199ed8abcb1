package suppressed

import "context"

// Session belongs to one request and ends with it.
type Session struct {
	//ctxmod:ignore struct-ctx -- a session is request-scoped and dies with its request
	ctx  context.Context
	user string
}

// NewSession opens a session for the request's context.
func NewSession(ctx context.Context, user string) *Session {
	return &Session{ctx: ctx, user: user}
}

// Valid says whether the session's request is still live.
func (s *Session) Valid() bool {
	return s.ctx.Err() == nil && s.user != ""
}

func audit(s *Session) bool { return s.Valid() }

var _ = audit
