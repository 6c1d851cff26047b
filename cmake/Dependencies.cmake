# Every dependency comes from a Debian package; nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)

# find_package(OpenCASCADE) rejects a version argument, so the version is checked after.
find_package(OpenCASCADE REQUIRED COMPONENTS FoundationClasses ModelingData ModelingAlgorithms
             Visualization ApplicationFramework DataExchange)
if(OpenCASCADE_VERSION VERSION_LESS 7.6)
  message(FATAL_ERROR "OpenCASCADE >= 7.6 is required, found ${OpenCASCADE_VERSION}")
endif()
# ${OpenCASCADE_LIBRARIES} names Draw toolkits Debian does not install: link toolkits by name.
add_library(archipel_occt INTERFACE)
target_include_directories(archipel_occt SYSTEM INTERFACE ${OpenCASCADE_INCLUDE_DIR})
target_link_libraries(archipel_occt INTERFACE
  TKSTEP TKSTEPAttr TKSTEP209 TKSTEPBase TKIGES TKXSBase TKBinL TKXCAF TKLCAF TKCAF TKVCAF
  TKMesh TKBool TKBO TKFillet TKOffset TKPrim TKFeat TKShHealing TKTopAlgo TKGeomAlgo TKHLR
  TKBRep TKGeomBase TKG3d TKG2d TKMath TKernel)

# Debian's Assimp 5.2.5 reports itself as 5.2.4.
find_package(assimp 5.2 REQUIRED)
# 3MF packages are ZIP archives (ZIP64 from lib3mf, which Debian's minizip 1.1 misreads on 64-bit
# systems): read with libzip, their XML with expat. The tests write ZIP fixtures with minizip.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)
# Convex hulls for the natural frame (Qhull's reentrant library).
pkg_check_modules(QHULL_R REQUIRED IMPORTED_TARGET qhull_r)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.5)
# Linear-time regular expressions wherever Archipel matches patterns itself (std::regex recurses
# per character and overflows the stack on long input).
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(valijson REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
if(ARCHIPEL_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
