#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_http.h>
#include <cpl_string.h>
#include <cpl_vsi.h>
#include <string.h>
#include <sys/stat.h>

/* VSIStatBufL is a macro'd struct stat64 that Swift cannot import (a plugin's stat callback gets it
   as an opaque pointer), and stat64 is declared only with _LARGEFILE64_SOURCE. On 64-bit Linux glibc
   struct stat already has 64-bit sizes and the same layout as struct stat64, so it is filled as that. */
_Static_assert(sizeof(off_t) == 8 && sizeof(void *) == 8, "struct stat stands for struct stat64 on 64-bit glibc only");
static inline void zonescreen_fill_vsi_stat(void *buffer, long long size, int isDirectory) {
    struct stat *status = (struct stat *)buffer;
    memset(status, 0, sizeof(*status));
    status->st_size = size;
    status->st_mode = isDirectory ? (S_IFDIR | 0555) : (S_IFREG | 0444);
}
