// Package plain imports nothing keyauth catalogs: no work at all.
package plain

import (
	"fmt"
	"net/url"
)

func F() string { u, _ := url.Parse("https://x.openai.azure.com"); return fmt.Sprint(u) }
