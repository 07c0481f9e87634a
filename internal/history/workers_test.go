package history

import (
	"context"
	"strings"
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets"
)

// A panic in detection is an error naming where it happened, not a crash.
func TestInternalErrorIsAnError(t *testing.T) {
	fx := fixture(t)
	eng, err := secrets.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	s := NewScanner(panicky{eng}, nil)
	_, err = s.Scan(context.Background(), Options{Dir: fx.Dir})
	if err == nil || !strings.Contains(err.Error(), "internal error in the secret engine while scanning ") ||
		!strings.Contains(err.Error(), "index out of range") {
		t.Fatalf("err = %v", err)
	}
}

// panicky is an engine whose Validate panics like a bug would.
type panicky struct{ *secrets.Detector }

func (p panicky) Validate(ruleID, secret string) bool {
	var xs []int
	return xs[len(secret)] > 0
}
