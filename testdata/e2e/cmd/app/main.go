// Command app calls the helper wrapper from another package.
package main

import (
	"fmt"
	"os"

	"example.com/e2e/chat"
	"example.com/e2e/internal/azclient"
)

func main() {
	c, err := azclient.OpenAI(os.Getenv("AZURE_OPENAI_ENDPOINT"), os.Getenv("AZURE_OPENAI_API_KEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = c
	if _, err := chat.FromEnv(); err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
}
