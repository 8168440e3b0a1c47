/* landuse_codes.h: the land-use code mapping table (data/landuse_codes.csv): the classes of
 * the 用地用海 classification (2023) with their names, and the 三调 survey and GB 50137-2011
 * codes mapped onto them. docs/landuse-codes.md describes the file. */
#ifndef PC_LANDUSE_CODES_H
#define PC_LANDUSE_CODES_H

#include <stddef.h>

/* The vocabularies a land-use code can be written in. */
enum pc_vocabulary {
    PC_VOCAB_YDYH = 0, /* 国土空间调查、规划、用途管制用地用海分类指南 */
    PC_VOCAB_SANDIAO,  /* 三调: GB/T 21010-2017 and the survey's working codes */
    PC_VOCAB_GB50137,  /* GB 50137-2011 城市用地分类 */
    PC_VOCAB_COUNT
};

/* One row of the table: `code` of `vocab` is the 用地用海 class `ydyh`. */
struct pc_code_row {
    enum pc_vocabulary vocab;
    char *code;       /* owned */
    char *name;       /* owned */
    char *target;     /* owned: the ydyh field as written */
    const char *ydyh; /* the code of the 用地用海 row it maps onto (borrowed from that row) */
    int line;         /* line in the file, for messages */
};

struct pc_codes {
    char *path;               /* owned: the file read, for messages */
    size_t n;                 /* rows */
    struct pc_code_row *rows; /* owned, sorted by (vocab, code) */
};

/* Default file: the table shipped with plancheck ($PLANCHECK_DATA/landuse_codes.csv when
 * that variable is set). Static string. */
const char *pc_codes_default_path(void);

/* Reads the CSV at `path` into *out (zeroed first). Returns PC_OK, PC_ERR_USAGE with a
 * "PATH:LINE: ..." message for a malformed row, a duplicate code or a mapping onto a class
 * the file does not define, or PC_ERR_RUN when the file cannot be read. Always release with
 * pc_codes_free(). */
int pc_codes_load(const char *path, struct pc_codes *out);

/* Releases the rows; NULL is fine. */
void pc_codes_free(struct pc_codes *c);

/* The 用地用海 code of `code` (surrounding spaces ignored; letters compared without case),
 * trying the vocabularies in order; NULL when none has it. Borrowed from c. */
const char *pc_codes_map(const struct pc_codes *c, const enum pc_vocabulary *vocabs,
                         size_t n_vocabs, const char *code);

/* The name of 用地用海 class `ydyh`, or NULL when the table has no such class. */
const char *pc_codes_name(const struct pc_codes *c, const char *ydyh);

/* Level of a 用地用海 code: 1 for "07", 2 for "0701", 3 for "070101"; 0 otherwise. */
int pc_ydyh_level(const char *ydyh);

/* Parses a vocabulary word: ydyh/用地用海, sandiao/三调, gb50137/GB50137. Returns 0, or -1
 * for an unknown word. */
int pc_vocabulary_parse(const char *word, enum pc_vocabulary *out);

/* Plan-file word of a vocabulary ("sandiao"); static string. */
const char *pc_vocabulary_name(enum pc_vocabulary v);

#endif
