package dev.imagespec.runtime.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The field table's int codes are the ordinals of the enums they stand for, and names are derived as before. */
class SpecFieldTest {
    @Test
    void codesAreTheEnumsOrdinals() {
        assertThat(SpecField.Type.values())
                .extracting(Enum::name)
                .containsExactly(
                        "STRING",
                        "STRING_LIST",
                        "STRING_MAP",
                        "SECRET_MOUNTS",
                        "COPY_MODE",
                        "TYPED_MAP",
                        "IMAGE_OR_SPEC");
        assertThat(SpecField.Codes.STRING).isEqualTo(SpecField.Type.STRING.ordinal());
        assertThat(SpecField.Codes.STRING_LIST).isEqualTo(SpecField.Type.STRING_LIST.ordinal());
        assertThat(SpecField.Codes.STRING_MAP).isEqualTo(SpecField.Type.STRING_MAP.ordinal());
        assertThat(SpecField.Codes.SECRET_MOUNTS).isEqualTo(SpecField.Type.SECRET_MOUNTS.ordinal());
        assertThat(SpecField.Codes.COPY_MODE).isEqualTo(SpecField.Type.COPY_MODE.ordinal());
        assertThat(SpecField.Codes.TYPED_MAP).isEqualTo(SpecField.Type.TYPED_MAP.ordinal());
        assertThat(SpecField.Codes.IMAGE_OR_SPEC).isEqualTo(SpecField.Type.IMAGE_OR_SPEC.ordinal());
        assertThat(SpecField.Codes.PLAIN).isEqualTo(SpecField.Hashing.PLAIN.ordinal());
        assertThat(SpecField.Codes.NONE).isEqualTo(SpecField.Hashing.NONE.ordinal());
        assertThat(SpecField.Codes.FILE_DIGEST).isEqualTo(SpecField.Hashing.FILE_DIGEST.ordinal());
        assertThat(SpecField.Codes.ID_ONLY).isEqualTo(SpecField.Hashing.ID_ONLY.ordinal());
        assertThat(SpecField.Codes.NESTED_SPEC).isEqualTo(SpecField.Hashing.NESTED_SPEC.ordinal());
        for (SpecField f : SpecField.values()) {
            assertThat(f.type().ordinal()).isEqualTo(f.typeCode());
        }
    }

    @Test
    void typesHashingsAndNamesOfTheTable() {
        assertThat(SpecField.PACKAGES.type()).isEqualTo(SpecField.Type.STRING_LIST);
        assertThat(SpecField.BASE_IMAGE.type()).isEqualTo(SpecField.Type.IMAGE_OR_SPEC);
        assertThat(SpecField.COPY.hashing()).isEqualTo(SpecField.Hashing.FILE_DIGEST);
        assertThat(SpecField.REGISTRY_CONFIG.hashing()).isEqualTo(SpecField.Hashing.ID_ONLY);
        assertThat(SpecField.BUILDER.hashing()).isEqualTo(SpecField.Hashing.NONE);
        assertThat(SpecField.PIP_EXTRA_INDEX_URL.key()).isEqualTo("pip_extra_index_url");
        assertThat(SpecField.PIP_EXTRA_INDEX_URL.member()).isEqualTo("pipExtraIndexUrl");
        assertThat(SpecField.fromKey("apt_packages")).contains(SpecField.APT_PACKAGES);
        assertThat(SpecField.fromMember("sourceCopyMode")).contains(SpecField.SOURCE_COPY_MODE);
        assertThat(SpecField.fromKey("nope")).isEmpty();
    }
}
