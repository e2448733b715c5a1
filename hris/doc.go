// Package hris moves an org in and out of the CSV files HR systems export: one row per active
// person with their id, name, title, manager, department and location.
//
// Reading recognizes the column names of the common tools (OrgChart Now, BambooHR, Workday,
// Rippling, HiBob, Pingboard) case-insensitively, handles what real files contain (a UTF-8
// byte order mark, CRLF, quoted fields with commas and newlines, ';' as the separator, Excel's
// "sep=;" first line, accents written as combining marks, read in their composed form), and
// refuses a bad file whole with the line of each problem. A manager is found by id, else by
// email, never by name.
//
// Importing makes the org on a date equal the file. Each person holds a position of their own
// (pos-ID, or for an id of over 60 characters a digest form: PositionID); a department is a
// unit. The first import builds the org; a later one records only the differences as events
// effective on the file's date. An export that arrives late, dated between two earlier
// imports, also records what the next import's date must keep: the org on every imported date
// stays equal to its file.
package hris
