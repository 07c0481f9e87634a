// Package inhouseuse calls an in-house client cataloged by a user file.
package inhouseuse

import (
	"os"

	"example.com/inhouse/ai"
)

func client() (*ai.Client, error) {
	return ai.NewWithKey("https://gw.example.com", os.Getenv("GATEWAY_KEY"), nil) // want `keyauth/inhouse-ai-key: ai.NewWithKey authenticates with a key; use New with a token credential$`
}
