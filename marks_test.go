package orgledger

import (
	"strings"
	"testing"
)

// zalgo is the name a review found accepted: a Z carrying 19 combining marks, then an a.
const zalgo = "Z\u0335\u0321\u0322\u031b\u0317\u0318\u0319\u031c\u031d\u031e\u031f\u0320\u0300\u0301\u0302\u0303\u0304\u0305\u0306a"

// TestStackedMarks: a character carries at most ten combining marks (Mn, Me), in names, titles
// and every text field, which "Zalgo" text piles far past; the refusal names the character
// they sit on, the first and last of them and their places. The heaviest real writing of every
// script passes, composed or decomposed. (Found by a review: a Z carrying 19 marks was a
// name.)
func TestStackedMarks(t *testing.T) {
	checkFields(t, "has 19 combining marks stacked on U+005A at character 1, from U+0335 at character 2 to U+0306 at character 20: a character carries at most 10",
		[]fieldCase{{&Hire{ID: "a", Name: zalgo}, "name"}})
	checkFields(t, "combining marks stacked on U+005A at character 5,", []fieldCase{{&Hire{ID: "a", Name: "Ann " + zalgo}, "name"}})
	many := "a\u0300\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b" // ten
	checkFields(t, "has 11 combining marks stacked on U+0061 at character 1, from U+0300 at character 2 to U+0323 at character 12", []fieldCase{
		{&Hire{ID: "a", Name: many + "\u0323"}, "name"},
		{&UpdatePerson{Person: "a", Name: ptr(many + "\u0323")}, "name"},
		{&CreateUnit{ID: "u", Name: many + "\u0323"}, "name"},
		{&RenameUnit{Unit: "u", Name: many + "\u0323"}, "name"},
		{&CreatePosition{ID: "p", Title: many + "\u0323", Unit: "u"}, "title"},
		{&Retitle{Position: "p", Title: many + "\u0323"}, "title"},
		{&Hire{ID: "a", Name: "A", Email: many + "\u0323@example.com"}, "email"},
		{&Hire{ID: "a", Name: "A", Location: many + "\u0323"}, "location"},
		{&CreateUnit{ID: "u", Name: "U", Kind: many + "\u0323"}, "kind"},
		{&Leave{Person: "a", Reason: many + "\u0323"}, "reason"},
		{&Retract{Event: 1, Reason: many + "\u0323"}, "reason"},
		{&Hire{ID: "a", Name: "A", Attrs: map[string]string{"nickname": many + "\u0323"}}, "attrs.nickname"},
	})
	for _, ch := range []Change{{Op: &Hire{ID: "a", Name: "A"}, Note: zalgo}, {Op: &Hire{ID: "a", Name: "A"}, Source: zalgo}} {
		if ps := ch.Check(); len(ps) != 1 || !strings.Contains(ps[0].Reason, "19 combining marks stacked") {
			t.Errorf("a change with a Zalgo source or note: %+v", ps)
		}
	}
	checkFields(t, "combining marks stacked", []fieldCase{
		// Eleven Thai tone marks on one letter, eleven Tibetan subjoined letters under one,
		// eleven enclosing circles around one.
		{&Hire{ID: "a", Name: "\u0e01" + strings.Repeat("\u0e49", 11)}, "name"},
		{&CreateUnit{ID: "u", Name: "Team A" + strings.Repeat("\u20dd", 11)}, "name"},
		{&Hire{ID: "a", Name: "\u0f40\u0f90\u0f91\u0f92\u0f94\u0f95\u0f96\u0f97\u0f99\u0f9f\u0fa0\u0fa1"}, "name"},
		// A stack goes on past what takes no place of its own, a directional mark, and past
		// a spacing mark (a Devanagari vowel sign), whose marks stack on the same character.
		{&Hire{ID: "a", Name: "Z\u0300\u0301\u0302\u0303\u0304\u0306\u200e\u0307\u0308\u030a\u030b\u0323"}, "name"},
		{&Hire{ID: "a", Name: "Z\u0300\u0301\u0302\u0303\u0304\u0306\u093e\u0307\u0308\u030a\u030b\u0323"}, "name"},
	})
	checkFields(t, "", []fieldCase{
		{&Hire{ID: "a", Name: many}, ""},                                     // ten, the most a character carries
		{&Hire{ID: "a", Name: many + "b" + many}, ""},                        // and the next as many
		{&Hire{ID: "a", Name: "Nguyễn Thị Ánh"}, ""},                         // Vietnamese, composed
		{&Hire{ID: "a", Name: "Nguye\u0302\u0303n Thi\u0323 A\u0301nh"}, ""}, // decomposed: two on one vowel
		{&Hire{ID: "a", Name: "Phu\u031bo\u031b\u0323ng"}, ""},               // a horn and a dot below
		{&Hire{ID: "a", Name: "Ọ̀ṣun Adébáyọ̀"}, ""},                         // Yoruba
		{&Hire{ID: "a", Name: "O\u0323\u0300s\u0323un"}, ""},                 // decomposed
		{&Hire{ID: "a", Name: "Diné Bizaad ą́ą́"}, ""},                       // Navajo
		{&Hire{ID: "a", Name: "ho\u0301zho\u0328\u0301"}, ""},                // hózhǫ́ decomposed: an ogonek and an acute
		{&Hire{ID: "a", Name: "[ŋ̊͡m̥] [ɑ̰̃́]"}, ""},                         // IPA, three on a vowel
		// Hebrew with points and cantillation (Genesis 1:1), and a shin with all a letter
		// takes: a dagesh, its dot, a vowel, a meteg and two accents.
		{&Leave{Person: "a", Reason: "בְּרֵאשִׁ֖ית בָּרָ֣א אֱלֹהִ֑ים אֵ֥ת הַשָּׁמַ֖יִם וְאֵ֥ת הָאָֽרֶץ׃"}, ""},
		{&Hire{ID: "a", Name: "\u05e9\u05bc\u05c1\u05b8\u05bd\u05a3\u0594"}, ""},
		{&Hire{ID: "a", Name: "مُحَمَّدٌ"}, ""},                                      // Arabic, a shadda and a vowel
		{&Leave{Person: "a", Reason: "بِسْمِ ٱللَّٰهِ ٱلرَّحْمَٰنِ ٱلرَّحِيمِ"}, ""}, // a shadda, a vowel, a dagger alif
		{&Hire{ID: "a", Name: "བསྒྲུབས"}, ""},                                        // Tibetan: two subjoined letters and a vowel
		{&CreateUnit{ID: "u", Name: "ཨོཾ་མ་ཎི་པདྨེ་ཧཱུྃ"}, ""},                       // ha, a-chung, u, candrabindu
		// Tibetan's tallest stacks: the Kālacakra monogram (seven letters and the moon, disk
		// and nāda), and one Chris Fynn built for Tibetan Machine Uni, decomposed: eight.
		{&CreateUnit{ID: "u", Name: "\u0f67\u0f90\u0fb5\u0fa8\u0fb3\u0fba\u0fbc\u0fbb\u0f82"}, ""},
		{&CreateUnit{ID: "u", Name: "\u0f42\u0fb7\u0fb1\u0fb1\u0fb2\u0fb2\u0f71\u0f74\u0f74"}, ""},
		{&CreateUnit{ID: "u", Name: "สมเด็จพระเจ้าอยู่หัว กิ่งแก้ว"}, ""}, // Thai: a vowel and a tone mark
		{&Hire{ID: "a", Name: "क़ुर्बानी हँसी"}, ""},                      // Devanagari: a nukta, a vowel sign, candrabindu
		{&Leave{Person: "a", Reason: "अ॒ग्निमी॑ळे पु॒रोहि॑तं"}, ""},       // Vedic accents
		{&Hire{ID: "a", Name: "ညှို့ မြို့ လှိုင် ရွှေ"}, ""},             // Burmese: four on a letter
		{&Hire{ID: "a", Name: "ស្ត្រី ព្រះ"}, ""},                         // Khmer
		{&Hire{ID: "a", Name: "ܡܫܺܝܚܳܐ"}, ""},                             // Syriac
	})
}
