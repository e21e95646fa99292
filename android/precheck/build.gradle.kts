// The SDK library: generated Kotlin bindings (build/bindings/kotlin, by scripts/gen-bindings),
// the Rust core as one .so per ABI (src/main/jniLibs, by cargo ndk) and plain-Kotlin helpers.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

val repoRoot = rootDir.parentFile
val rustProfile = providers.gradleProperty("precheck.rustProfile").getOrElse("release")

android {
    namespace = "dev.precheck"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        consumerProguardFiles("consumer-rules.pro")
    }
    sourceSets["main"].kotlin.srcDir(File(repoRoot, "build/bindings/kotlin"))
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

dependencies {
    // JNA with its Android native parts; the generated bindings load libprecheck_ffi.so through it.
    implementation("net.java.dev.jna:jna:5.13.0@aar")
    compileOnly("androidx.camera:camera-core:1.4.1")
    // JVM unit tests against a host build of the library (scripts/test-bindings runs the same
    // tests without Gradle): pass -Djna.library.path, -Dprecheck.models, -Dprecheck.data.
    testImplementation("net.java.dev.jna:jna:5.13.0")
    testImplementation("org.junit.jupiter:junit-jupiter:5.9.2")
    testImplementation(kotlin("test"))
}

tasks.withType<Test>().configureEach {
    useJUnitPlatform()
    val repo = rootDir.parentFile
    systemProperty("jna.library.path", File(repo, "target/debug").path)
    systemProperty("precheck.models", File(repo, "models").path)
    systemProperty("precheck.data", File(repo, "../shared/data").path)
}

// Rust: cargo ndk builds libprecheck_ffi.so for each ABI into src/main/jniLibs, then the
// bindings are generated from the arm64 library (same interface as every other build).
val cargoNdk by tasks.registering(Exec::class) {
    workingDir = repoRoot
    val profileFlag = if (rustProfile == "release") listOf("--release") else emptyList()
    commandLine(
        listOf("cargo", "ndk", "-t", "arm64-v8a", "-t", "armeabi-v7a", "-t", "x86_64",
            "-o", "android/precheck/src/main/jniLibs", "build", "-p", "precheck-ffi") + profileFlag,
    )
}
val generateBindings by tasks.registering(Exec::class) {
    dependsOn(cargoNdk)
    workingDir = repoRoot
    commandLine("scripts/gen-bindings", "--lib", "android/precheck/src/main/jniLibs/arm64-v8a/libprecheck_ffi.so")
}
tasks.named("preBuild") { dependsOn(generateBindings) }
