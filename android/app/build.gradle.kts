// The thin demo app: CameraX front camera → the SDK → oval overlay + prompt → result screen.
plugins {
    id("com.android.application")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "dev.precheck.app"
    compileSdk = 35
    defaultConfig {
        applicationId = "dev.precheck.app"
        minSdk = 24
        targetSdk = 35
        versionCode = 1
        versionName = "0.1.0"
    }
    // The verified ONNX models (scripts/fetch-models) ship as assets under models/.
    sourceSets["main"].assets.srcDir(layout.buildDirectory.dir("generated/modelAssets"))
    androidResources { noCompress += "onnx" }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
    kotlinOptions { jvmTarget = "17" }
}

val copyModels by tasks.registering(Copy::class) {
    from(File(rootDir.parentFile, "models")) { include("*.onnx") }
    into(layout.buildDirectory.dir("generated/modelAssets/models"))
}
tasks.named("preBuild") { dependsOn(copyModels) }

dependencies {
    implementation(project(":precheck"))
    implementation("androidx.appcompat:appcompat:1.7.0")
    implementation("androidx.camera:camera-camera2:1.4.1")
    implementation("androidx.camera:camera-lifecycle:1.4.1")
    implementation("androidx.camera:camera-view:1.4.1")
}
