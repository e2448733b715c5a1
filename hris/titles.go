package hris

import "strings"

// checkTitles refuses a title column that holds codes rather than titles: a column a file
// names "Position" or "Job" may hold position or job ids (P-00123), which would become every
// position's title. A column the user mapped to title with --map is taken as it is.
func (r *reader) checkTitles(f *File, head []string, h *header, headLine int, custom map[string]Field) {
	i, ok := h.has[FieldTitle]
	if mapped, _ := mappedColumns(head, custom); !ok || mapped[i] == FieldTitle {
		return
	}
	var codes, titles []string
	for _, row := range f.Rows {
		if row.Title == "" {
			continue
		}
		titles = append(titles, row.Title)
		if looksLikeCode(row.Title) {
			codes = append(codes, row.Title)
		}
	}
	if len(titles) == 0 || len(codes)*10 < len(titles)*9 {
		return
	}
	r.fail(headLine, "column %q holds codes, not job titles (%s): map the column of titles with --map \"COLUMN=title\", or, if these are the titles, --map %q",
		head[i], strings.Join(codes[:min(3, len(codes))], ", "), head[i]+"=title")
}

// looksLikeCode reports whether a title is a code: up to four letters, perhaps a '-', '_' or
// '#', and then two digits or more (P-00123, JOB_0042, 100234), which no job title is.
func looksLikeCode(s string) bool {
	i := 0
	for i < len(s) && i < 4 && isLetter(s[i]) {
		i++
	}
	if i < len(s) && (s[i] == '-' || s[i] == '_' || s[i] == '#') {
		i++
	}
	digits := len(s) - i
	for ; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return digits >= 2
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
