package corpus

import (
	"testing"

	"github.com/keyless-dev/keyless/internal/secrets/azkeys"
)

// Every HIS v1 format azkeys validates is in Formats, so that the bench and
// the per-format tests cannot forget one.
func TestFormatsCoverEveryHISKind(t *testing.T) {
	have := map[string]bool{}
	for _, h := range hisFormats {
		have[h.kind.ID] = true
	}
	for _, k := range azkeys.HISKinds {
		if !have[k.ID] {
			t.Errorf("no corpus format for %s", k.ID)
		}
	}
	names := map[string]bool{}
	for _, f := range Formats() {
		if names[f.Name] {
			t.Errorf("two formats named %q", f.Name)
		}
		names[f.Name] = true
	}
}

// The generator's keys are valid and its decoys keep the shape and fail
// the checksum.
func TestGeneratedKeys(t *testing.T) {
	g := New(9)
	for _, k := range azkeys.HISKinds {
		for range 20 {
			if got, ok := azkeys.ValidHIS(g.HIS(k)); !ok || got.ID != k.ID {
				t.Fatalf("%s: generated key validates as %q (%v)", k.ID, got.ID, ok)
			}
			if _, shaped, valid := azkeys.ClassifyHIS(g.BrokenHIS(k)); !shaped || valid {
				t.Fatalf("%s: decoy shaped=%v valid=%v", k.ID, shaped, valid)
			}
		}
	}
	for range 20 {
		if !azkeys.ADOPAT(g.ADOPAT()) || azkeys.ADOPAT(g.BrokenADOPAT()) {
			t.Fatal("ADO PAT generator or decoy wrong")
		}
		if _, ok := azkeys.ParseCASK(g.BrokenCASK("AAAB", "ACOG")); ok {
			t.Fatal("BrokenCASK made a valid key")
		}
	}
}
