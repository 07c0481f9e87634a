// Package option is not openai-go's option package.
package option

func WithAPIKey(key string) func() { return func() {} }

func WithHeader(k, v string) func() { return func() {} }
