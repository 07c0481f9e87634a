// Stub of github.com/openai/openai-go/v3 with the real signatures of the functions keyauth's tests need.
package openai

import (
	"context"

	"github.com/openai/openai-go/v3/option"
)

type ChatCompletionNewParams struct{ Model string }

type ChatCompletion struct{ ID string }

type ChatCompletionService struct{ Options []option.RequestOption }

func (r *ChatCompletionService) New(ctx context.Context, body ChatCompletionNewParams, opts ...option.RequestOption) (res *ChatCompletion, err error) {
	return &ChatCompletion{}, nil
}

type ChatService struct {
	Options     []option.RequestOption
	Completions ChatCompletionService
}

type Client struct {
	Options []option.RequestOption
	Chat    ChatService
}

func NewClient(opts ...option.RequestOption) (r Client) {
	r = Client{Options: opts}
	return
}

func NewChatCompletionService(opts ...option.RequestOption) (r ChatCompletionService) {
	r = ChatCompletionService{Options: opts}
	return
}
