/* bench_read.c: the read floor of a benchmark: the time GDAL alone takes to read every feature
 * (geometry and fields) of some layers of a vector source, with nothing done to them.
 * Prints figures on stdout and asserts nothing (docs/performance.md).
 *   bench_read SOURCE [LAYER...]      every layer of SOURCE when no layer is named
 * Prints "read <layer> <features> <seconds>" per layer and "total <seconds>". Exit 1 when the
 * source or a layer cannot be opened. */
#include <stdio.h>
#include <time.h>

#include <gdal.h>
#include <ogr_api.h>

/* Seconds on the monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads every feature of `lyr`: its geometry is parsed and every field fetched, as a reader
 * of the data must. Returns the feature count; sets *seconds. */
static long long read_layer(OGRLayerH lyr, double *seconds)
{
    double t0 = now();
    long long n = 0;
    volatile double sink = 0;
    OGR_L_ResetReading(lyr);
    int n_fields = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(lyr));
    OGRFeatureH f;
    while ((f = OGR_L_GetNextFeature(lyr)) != NULL) {
        OGRGeometryH geom = OGR_F_GetGeometryRef(f);
        if (geom != NULL)
            sink += OGR_G_GetCoordinateDimension(geom);
        for (int i = 0; i < n_fields; i++)
            sink += OGR_F_IsFieldSetAndNotNull(f, i) ? OGR_F_GetFieldAsString(f, i)[0] : 0;
        OGR_F_Destroy(f);
        n++;
    }
    (void)sink;
    *seconds = now() - t0;
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_read SOURCE [LAYER...]\n");
        return 2;
    }
    GDALAllRegister();
    GDALDatasetH ds = GDALOpenEx(argv[1], GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    if (ds == NULL) {
        fprintf(stderr, "bench_read: cannot open <%s>\n", argv[1]);
        return 1;
    }
    double total = 0;
    int n_layers = argc > 2 ? argc - 2 : GDALDatasetGetLayerCount(ds);
    for (int i = 0; i < n_layers; i++) {
        OGRLayerH lyr =
            argc > 2 ? GDALDatasetGetLayerByName(ds, argv[i + 2]) : GDALDatasetGetLayer(ds, i);
        if (lyr == NULL) {
            fprintf(stderr, "bench_read: no layer <%s> in <%s>\n", argv[i + 2], argv[1]);
            GDALClose(ds);
            return 1;
        }
        double seconds;
        long long n = read_layer(lyr, &seconds);
        printf("read %s %lld %.3f\n", OGR_L_GetName(lyr), n, seconds);
        total += seconds;
    }
    printf("total %.3f\n", total);
    GDALClose(ds);
    return 0;
}
