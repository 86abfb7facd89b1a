package io.opengater.storage.client.deployment;

import java.util.Optional;
import java.util.Set;

import io.opengater.storage.client.runtime.devui.StorageJsonRpcService;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card: each client with its base URL (marked when it is the embedded storage), and a form that creates
 * an upload.
 */
class StorageDevUiProcessor {

    @BuildStep(onlyIf = IsDevelopment.class)
    CardPageBuildItem card(StorageClientNamesBuildItem clients, Optional<EmbeddedStorageBuildItem> embedded) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addBuildTimeData("embeddedClients", embedded.map(EmbeddedStorageBuildItem::clients).orElse(Set.of()));
        card.addPage(Page.webComponentPageBuilder()
                .title("Clients")
                .icon("font-awesome-solid:cloud-arrow-up")
                .componentLink("qwc-opengater-storage-clients.js")
                .staticLabel(String.valueOf(clients.names().size())));
        return card;
    }

    /** Apart from the card: the service is a bean, so it must not wait for what waits for the beans. */
    @BuildStep(onlyIf = IsDevelopment.class)
    JsonRPCProvidersBuildItem jsonRpcService() {
        return new JsonRPCProvidersBuildItem(StorageJsonRpcService.class);
    }
}
