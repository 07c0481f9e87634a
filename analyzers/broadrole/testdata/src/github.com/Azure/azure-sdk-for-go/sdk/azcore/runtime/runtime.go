// Package runtime is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime v1.24.0.
package runtime

import "context"

// Pager provides operations for iterating over paged responses.
type Pager[T any] struct{}

// More returns true if there are more pages to retrieve.
func (p *Pager[T]) More() bool { panic("stub") }

// NextPage advances the pager to the next page.
func (p *Pager[T]) NextPage(ctx context.Context) (T, error) { panic("stub") }

// PollUntilDoneOptions contains the optional values for the Poller[T].PollUntilDone() method.
type PollUntilDoneOptions struct{}

// Poller encapsulates a long-running operation.
type Poller[T any] struct{}

// PollUntilDone will poll the service endpoint until a terminal state is reached, an error is received, or the context expires.
func (p *Poller[T]) PollUntilDone(ctx context.Context, options *PollUntilDoneOptions) (res T, err error) {
	panic("stub")
}
