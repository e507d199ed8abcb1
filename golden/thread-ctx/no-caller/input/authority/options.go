// Package authority configures a certificate authority. WithSigner makes
// its own context, but nothing in the module calls it: a new parameter
// would only break the code elsewhere that does, so it is reported.
package authority

import "context"

// Authority signs certificates.
type Authority struct {
	signer func(context.Context) error
}

// Option configures an Authority.
type Option func(*Authority) error

// WithSigner checks the signer once before using it.
func WithSigner(sign func(context.Context) error) Option {
	return func(a *Authority) error {
		if err := sign(context.Background()); err != nil {
			return err
		}
		a.signer = sign
		return nil
	}
}
